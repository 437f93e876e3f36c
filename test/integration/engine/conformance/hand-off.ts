// The transactional hand-off seen from outside: every message moves through every step exactly once,
// terminal nodes record what reached them in order, and messages leaving by an unconnected port stop.
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';


export function handOffSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  describe('transactional hand-off', () => {
    it('moves each of 2,000 messages through map, split, filter and map exactly once', async () => {
      const engine = await ws.open({ batchSize: 128 });
      const flow = chain('orders', [
        ['orders', 'trigger.manual'],
        ['shape', 'transform.map', { expression: '{ "id": id, "lines": [{ "id": id, "n": 1 }, { "id": id, "n": 2 }, { "id": id, "n": 3 }] }' }],
        ['lines', 'transform.split', { path: 'lines' }],
        ['odd', 'transform.filter', { condition: 'n % 2 = 1' }],
        ['done', 'transform.map', { expression: '{ "id": id, "n": n }' }],
      ]);
      const messages = Array.from({ length: 2000 }, (_, id) => ({ id }));
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'orders', messages }] });
      const report = await engine.drive(runId);

      expect(report.status).toBe('succeeded');
      const done = report.outputs.done as Array<{ id: number; n: number }>;
      expect(done).toHaveLength(4000);
      expect(new Set(done.map((o) => `${o.id}:${o.n}`)).size).toBe(4000);
      expect(report.counts).toMatchObject({ received: 2000, pending: 0, dead: 0 });
      // 2,000 at orders and shape, 6,000 at lines-out → odd, 4,000 at done.
      expect(report.counts.processed).toBe(2000 + 2000 + 2000 + 6000 + 4000);
    });

    it('keeps the order of a linear flow at its terminal node', async () => {
      const engine = await ws.open({ batchSize: 7 });
      const flow = chain('ordered', [
        ['in', 'trigger.manual'],
        ['double', 'transform.map', { expression: 'n * 2' }],
      ]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: Array.from({ length: 50 }, (_, n) => ({ n })) }] });
      const report = await engine.drive(runId);
      expect(report.outputs.double).toEqual(Array.from({ length: 50 }, (_, n) => n * 2));
    });

    it('stops messages leaving by a port without an edge, and routes a switch by its first matching rule', async () => {
      const engine = await ws.open();
      const flow = chain('routes', [
        ['in', 'trigger.manual'],
        ['big', 'transform.filter', { condition: 'total >= 100' }],
        ['route', 'transform.switch', { rules: [{ port: 'nl', condition: 'country = "nl"' }, { port: 'eu', condition: 'country in ["de", "nl", "fr"]' }] }],
        ['nl', 'output.log', {}],
      ], { edges: [{ from: 'route', port: 'eu', to: 'eu' }, { from: 'route', port: 'default', to: 'other' }] });
      flow.edges = flow.edges.filter((edge) => !(edge.from === 'route' && edge.to === 'nl'));
      flow.edges.push({ from: 'route', port: 'nl', to: 'nl' });
      flow.nodes.push({ id: 'eu', type: 'output.log', position: [0, 200], config: {} }, { id: 'other', type: 'output.log', position: [0, 400], config: {} });
      const messages = [
        { total: 50, country: 'nl' },
        { total: 150, country: 'nl' },
        { total: 150, country: 'de' },
        { total: 150, country: 'us' },
      ];
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] });
      const report = await engine.drive(runId);
      expect(report.outputs).toEqual({
        nl: [{ total: 150, country: 'nl' }],
        eu: [{ total: 150, country: 'de' }],
        other: [{ total: 150, country: 'us' }],
      });
      expect((await engine.logs(runId)).filter((line) => line.nodeId === 'nl')).toHaveLength(1);
    });

    it('splits an array into one message per element, a single value into one and an empty array into none', async () => {
      const engine = await ws.open();
      const flow = chain('split', [
        ['in', 'trigger.manual'],
        ['each', 'transform.split', { path: 'items' }],
      ]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ items: [1, 2] }, { items: 'one' }, { items: [] }, {}] }] });
      expect((await engine.drive(runId)).outputs.each).toEqual([1, 2, 'one']);
    });

    it('keeps its version for an unchanged flow and starts a new one when it changes', async () => {
      const engine = await ws.open();
      const flow = chain('versions', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '$' }]]);
      expect((await engine.registerFlow(flow))).toEqual({ flowId: 'versions', version: 1 });
      expect((await engine.registerFlow(structuredClone(flow)))).toEqual({ flowId: 'versions', version: 1 });
      (flow.nodes[1] as { config: Record<string, unknown> }).config = { expression: '$ + 1' };
      expect((await engine.registerFlow(flow))).toEqual({ flowId: 'versions', version: 2 });
    });

    it('refuses an invalid flow with every problem listed', async () => {
      const engine = await ws.open();
      const flow = chain('broken', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '(' }]]);
      await expect(engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{}] }] })).rejects.toMatchObject({ code: 'FLOW_INVALID' });
    });
  });
}
