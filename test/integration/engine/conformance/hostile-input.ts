// What a flow or a sender can throw at the engine: runaway and failing JSONata, a payload nested
// 10,000 levels deep, a 50 MB payload. Each fails its own message with a clear error or goes through;
// the engine never crashes and keeps working on everything else.
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';


export function hostileInputSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  describe('hostile mappings and payloads', () => {
    it('fails only the message whose mapping runs away or throws, and keeps going', async () => {
      const engine = await ws.open();
      const flow = chain('hostile', [
        ['in', 'trigger.manual'],
        ['m', 'transform.map', {
          expression: 'mode = "loop" ? ($f := function($n) { $f($n + 1) }; $f(0)) : mode = "deep" ? ($g := function($n) { 1 + $g($n) }; $g(0)) : mode = "throw" ? $error("bad order " & id) : { "id": id }',
        }],
      ]);
      const messages = [
        { id: 1, mode: 'ok' }, { id: 2, mode: 'loop' }, { id: 3, mode: 'ok' }, { id: 4, mode: 'deep' }, { id: 5, mode: 'throw' }, { id: 6, mode: 'ok' },
      ];
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] });
      const report = await engine.drive(runId);
      expect(report.status).toBe('failed');
      expect(report.outputs.m).toEqual([{ id: 1 }, { id: 3 }, { id: 6 }]);
      const messagesByCode = Object.fromEntries(await Promise.all(report.dead.map(async (d) => [((await engine.deadLetter(d.id)).payload as { mode: string }).mode, d.error] as const)));
      expect(messagesByCode.loop!.message).toMatch(/^PW-TIMEOUT: .*time limit/);
      expect(messagesByCode.deep!.message).toMatch(/^PW-DEPTH: /);
      expect(messagesByCode.throw!.message).toMatch(/bad order 5/);
      for (const error of Object.values(messagesByCode)) expect(error.location?.path).toBe('nodes[1].config.expression');
    });

    it('handles a payload nested 10,000 levels deep with a clear error or a result, never a crash', async () => {
      const engine = await ws.open();
      const { writeFileSync } = await import('node:fs');
      const depth = 10_000;
      const deepText = `${'{"child":'.repeat(depth)}{"leaf":true}${'}'.repeat(depth)}`;
      const flow = chain('deep', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "top": $exists(child.child) }' }], ['copy', 'transform.map', { expression: '$' }]]);

      // Given inline, the payload cannot even be serialized here: a clear input error, nothing queued.
      const inline = JSON.parse(deepText) as unknown;
      const rejected = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [inline] }] }).then(() => undefined, (error: unknown) => error);
      if (rejected !== undefined) expect(rejected).toMatchObject({ code: 'INVALID_INPUT' });

      // From a file it is stored as text and each step either handles it or fails that one message.
      const file = ws.path('deep.jsonl');
      writeFileSync(file, `${deepText}\n{"child":{"child":1}}\n`);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] });
      const report = await engine.drive(runId);
      expect(report.counts.pending).toBe(0);
      expect(report.outputs.copy).toEqual(expect.arrayContaining([{ top: true }]));
      for (const dead of report.dead) expect(dead.error.message).toMatch(/\w/);

      const again = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ child: { child: 1 } }] }] }));
      expect(again.outputs.copy).toEqual([{ top: true }]);
    });

    it('moves a 50 MB payload through the flow with its trace capped', async () => {
      const engine = await ws.open();
      const blob = 'x'.repeat(50 * 1024 * 1024);
      const flow = chain('huge', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "size": $length(blob) }' }]]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ blob }] }] });
      const report = await engine.drive(runId);
      expect(report.outputs.m).toEqual([{ size: 50 * 1024 * 1024 }]);
      const [step] = await engine.traces(runId, { nodeId: 'm' });
      expect(step!.input).toEqual({ $truncated: 50 * 1024 * 1024 + 11 });
    }, 60_000);
  });
}
