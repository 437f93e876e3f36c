// Traces keep every step's input, outputs, error and timing per the flow's trace mode, with payloads
// capped at 64 KiB (test runs keep emissions whole); retention prunes a flow's oldest runs.
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';


export function tracesAndRetentionSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  describe('traces', () => {
    it('keeps input and outputs of every step, capping payloads above 64 KiB', async () => {
      const engine = await ws.open();
      const flow = chain('traced', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "size": $length(text), "text": text }' }]]);
      const big = 'x'.repeat(100_000);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ text: 'small' }, { text: big }] }] });
      await engine.drive(runId);
      const steps = await engine.traces(runId, { nodeId: 'm' });
      expect(steps).toHaveLength(2);
      expect(steps[0]).toMatchObject({ nodeId: 'm', attempt: 1, input: { text: 'small' }, outputs: [{ port: 'out', payload: { size: 5, text: 'small' } }] });
      expect(steps[0]!.durationMs).toBeGreaterThanOrEqual(0);
      expect(steps[1]!.input).toEqual({ $truncated: 100_011 });
      expect(steps[1]!.outputs).toEqual([{ port: 'out', payload: { $truncated: expect.any(Number) } }]);
      // The run's output itself is never capped.
      expect(((await engine.report(runId)).outputs.m as Array<{ text: string }>)[1]!.text).toHaveLength(100_000);
    });

    it('keeps test-run emissions uncapped, per node, in order', async () => {
      const engine = await ws.open();
      const flow = chain('tested', [['in', 'trigger.manual'], ['keep', 'transform.filter', { condition: 'ok' }], ['m', 'transform.map', { expression: 'text' }]]);
      const big = 'y'.repeat(70_000);
      const runId = await engine.startRun({ flow, kind: 'test', inputs: [{ triggerId: 'in', messages: [{ ok: true, text: big }, { ok: false, text: 'no' }] }] });
      await engine.drive(runId);
      const emitted = await engine.emissions(runId);
      expect(emitted.keep).toEqual([{ ok: true, text: big }]);
      expect(emitted.m).toEqual([big]);
    });

    it('keeps payloads only for failed steps in errors mode, with counts and timings for all', async () => {
      const engine = await ws.open();
      const flow = chain('quiet', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '$number(v)' }]], { settings: { trace: 'errors' } });
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ v: '1' }, { v: 'x' }] }] });
      await engine.drive(runId);
      const [ok, failed] = await engine.traces(runId, { nodeId: 'm' });
      expect(ok!.input).toBeUndefined();
      expect(ok!.outputs).toBeUndefined();
      expect(failed!.input).toEqual({ v: 'x' });
      expect(failed!.error?.code).toBe('MAPPING_ERROR');
    });
  });

  describe('retention', () => {
    it('prunes a flow to its newest runs after each run, keeping dead letters', async () => {
      const engine = await ws.open();
      const flow = chain('kept', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: 'n = 2 ? $error("two") : n' }]], {
        settings: { retention: { maxRuns: 2 } },
      });
      const runIds: string[] = [];
      for (let n = 1; n <= 4; n += 1) {
        const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n }] }] });
        runIds.push(runId);
        await engine.drive(runId);
      }
      expect((await engine.listRuns({ flowId: 'kept' })).map((run) => run.runId)).toEqual([runIds[3], runIds[2]]);
      expect((await engine.traces(runIds[0]!))).toEqual([]);
      await expect(engine.report(runIds[0]!)).rejects.toThrow(/does not exist/);
      expect((await engine.deadLetters({ flowId: 'kept' }))).toHaveLength(1);
    });

    it('prunes by stored bytes', async () => {
      const engine = await ws.open();
      const flow = chain('bytes', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '$' }]], { settings: { retention: { maxBytes: 30_000 } } });
      for (let n = 0; n < 5; n += 1) await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ pad: 'z'.repeat(5_000) }] }] }));
      const kept = (await engine.listRuns({ flowId: 'bytes' })).length;
      expect(kept).toBeGreaterThanOrEqual(1);
      expect(kept).toBeLessThan(5);
      expect((await engine.prune())).toEqual({ runsDeleted: 0 });
    });
  });
}
