// Failures for good: down the node's `error` edge when it has one, else into the dead-letter queue,
// from where a replay on the fixed flow carries the message to the end with its idempotency key.
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';


export function errorPortAndReplaySuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  describe('error port', () => {
    it('routes a failed message down the error edge with the error and the input payload', async () => {
      const engine = await ws.open();
      const flow = chain('priced', [
        ['in', 'trigger.manual'],
        ['net', 'transform.map', { expression: '{ "sku": sku, "net": $number(price) }' }],
      ], { edges: [{ from: 'net', port: 'error', to: 'failures' }] });
      flow.nodes.push({ id: 'failures', type: 'output.log', position: [0, 200], config: { level: 'warn' } });
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ sku: 'A', price: '1.5' }, { sku: 'B', price: 'n/a' }] }] });
      const report = await engine.drive(runId);
      expect(report.status).toBe('succeeded');
      expect(report.dead).toEqual([]);
      const failure = (report.outputs.failures as Array<{ error: { code: string; message: string }; payload: unknown }>)[0]!;
      expect(failure.payload).toEqual({ sku: 'B', price: 'n/a' });
      expect(failure.error.code).toBe('MAPPING_ERROR');
      expect(failure.error.message).toMatch(/D3030/);
    });
  });

  describe('replay', () => {
    it('replays a dead letter after the mapping is fixed and it reaches the end with its idempotency key', async () => {
      const engine = await ws.open();
      const broken = chain('prices', [
        ['in', 'trigger.manual'],
        ['net', 'transform.map', { expression: '{ "sku": sku, "net": $number(price), "key": $meta.idempotencyKey }' }],
        ['done', 'transform.map', { expression: '{ "sku": sku, "net": net, "key": key }' }],
      ]);
      const firstRun = await engine.startRun({ flow: broken, inputs: [{ triggerId: 'in', messages: [{ sku: 'A', price: '2' }, { sku: 'B', price: 'n/a' }] }] });
      const first = await engine.drive(firstRun);
      expect(first.status).toBe('failed');
      expect(first.outputs.done).toHaveLength(1);
      const [dead] = first.dead;
      const letter = await engine.deadLetter(dead!.id);
      expect(letter.payload).toEqual({ sku: 'B', price: 'n/a' });

      const fixed = structuredClone(broken);
      (fixed.nodes[1] as { config: Record<string, unknown> }).config = {
        expression: '{ "sku": sku, "net": $contains(price, /^[0-9.]+$/) ? $number(price) : null, "key": $meta.idempotencyKey }',
      };
      const replay = await engine.replay([dead!.id], fixed);
      expect(replay.status).toBe('succeeded');
      expect(replay.flowVersion).toBe(2);
      const [output] = replay.outputs.done as Array<{ sku: string; net: null; key: string }>;
      expect(output).toMatchObject({ sku: 'B', net: null });
      expect(output!.key).toBe(letter.messageId);

      expect((await engine.deadLetter(dead!.id)).replayedIn).toBe(replay.runId);
      expect((await engine.deadLetters({ runId: firstRun }))).toEqual([]);
      expect((await engine.deadLetters({ runId: firstRun, includeReplayed: true }))).toHaveLength(1);
      expect((await engine.listRuns({ flowId: 'prices' })).map((r) => r.kind)).toEqual(['replay', 'run']);
    });

    it('keeps a dead letter until it is discarded', async () => {
      const engine = await ws.open();
      const flow = chain('discard', [['in', 'trigger.manual'], ['boom', 'transform.map', { expression: '$error("no")' }]]);
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [1, 2] }] }));
      expect((await engine.deadLetters({ flowId: 'discard' }))).toHaveLength(2);
      expect((await engine.discard([report.dead[0]!.id]))).toBe(1);
      expect((await engine.deadLetters({ flowId: 'discard' }))).toHaveLength(1);
    });
  });
}
