// What nodes get from the engine beyond their message, on any store: delayed emission (control.delay
// holds a message in the queue until it is due, across a restart) and key-value state committed with
// the step (store.put / store.get, visible to later messages of the same batch), and durable timers
// for windowed nodes (exercised through a windowing executor standing in for output.log).
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeExecutor } from '../../../../main/engine/index.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';

export function nodeCapabilitiesSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());

  describe(`node capabilities (${harness.name})`, () => {
    it('holds a delayed message in the queue until it is due, then moves it on', async () => {
      const engine = await ws.open();
      const flow = chain('delayed', [['in', 'trigger.manual'], ['wait', 'control.delay', { ms: 400 }], ['out', 'transform.map', { expression: '{ "n": n }' }]]);
      const started = Date.now();
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n: 1 }, { n: 2 }] }] });
      const report = await engine.drive(runId);
      expect(report.outputs.out).toEqual([{ n: 1 }, { n: 2 }]);
      const steps = await engine.traces(runId, { nodeId: 'out' });
      for (const step of steps) expect(Date.parse(step.startedAt) - started).toBeGreaterThanOrEqual(380);
    });

    it('keeps a waiting message through a stop and delivers it after a resume', async () => {
      const first = await ws.open();
      const flow = chain('delayed-resume', [['in', 'trigger.manual'], ['wait', 'control.delay', { until: '$now() & ""' }], ['later', 'control.delay', { ms: 600 }], ['out', 'transform.map', { expression: 'n' }]]);
      const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n: 7 }] }] });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 150);
      const stopped = await first.drive(runId, { signal: stop.signal });
      expect(stopped.status).toBe('interrupted');
      expect(stopped.counts.pending).toBe(1);
      await first.close();
      const second = await ws.open();
      const finished = await second.resume(runId);
      expect(finished.status).toBe('succeeded');
      expect(finished.outputs.out).toEqual([7]);
    });

    it('refuses an until that yields no time, naming what it got', async () => {
      const engine = await ws.open();
      const flow = chain('bad-until', [['in', 'trigger.manual'], ['wait', 'control.delay', { until: 'when' }]]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ when: 'soon' }] }] });
      const report = await engine.drive(runId);
      expect(report.dead[0]?.error).toMatchObject({ code: 'DELAY_INVALID_TIME' });
      expect(report.dead[0]?.error.message).toContain('"soon"');
    });

    it('remembers values across runs and flows in a named store', async () => {
      const engine = await ws.open();
      const put = chain('remember', [['in', 'trigger.manual'], ['keep', 'store.put', { store: 'customers', key: 'id', value: '{ "name": name }' }]]);
      await engine.drive(await engine.startRun({ flow: put, inputs: [{ triggerId: 'in', messages: [{ id: 'c1', name: 'Ada' }, { id: 2, name: 'Grace' }] }] }));
      const get = chain('lookup', [['in', 'trigger.manual'], ['find', 'store.get', { store: 'customers', key: 'id', target: 'customer.record' }], ['found', 'output.log']], {
        edges: [{ from: 'find', port: 'missing', to: 'unknown' }],
      });
      get.nodes.push({ id: 'unknown', type: 'output.log', position: [0, 200], config: {} });
      const report = await engine.drive(await engine.startRun({ flow: get, inputs: [{ triggerId: 'in', messages: [{ id: 2 }, { id: 'c9' }, { id: 'c1' }] }] }));
      expect(report.outputs.found).toEqual([
        { id: 2, customer: { record: { name: 'Grace' } } },
        { id: 'c1', customer: { record: { name: 'Ada' } } },
      ]);
      expect(report.outputs.unknown).toEqual([{ id: 'c9' }]);
    });

    it('lets a later message of the same batch see what an earlier one stored (de-duplication)', async () => {
      const engine = await ws.open({ batchSize: 100 });
      const flow = chain('dedupe', [['in', 'trigger.manual'], ['seen', 'store.get', { store: 'sent', key: 'order' }]], {
        edges: [{ from: 'seen', port: 'missing', to: 'mark' }, { from: 'mark', to: 'send' }],
      });
      flow.nodes.push(
        { id: 'mark', type: 'store.put', position: [0, 200], config: { store: 'sent', key: 'order', value: 'true' } },
        { id: 'send', type: 'output.log', position: [0, 400], config: {} },
      );
      const messages = [{ order: 'A' }, { order: 'B' }, { order: 'A' }, { order: 'C' }, { order: 'B' }];
      const first = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] }));
      expect(first.outputs.send).toEqual([{ order: 'A' }, { order: 'B' }, { order: 'C' }]);
      const again = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ order: 'C' }, { order: 'D' }] }] }));
      expect(again.outputs.send).toEqual([{ order: 'D' }]);
    });

    it('forgets an entry once its time to live has passed', async () => {
      // Long enough that a busy machine reads the entry before it expires (150 ms was not, on PostgreSQL
      // under a full suite); the store is opened first, so only the run stands between put and read.
      const ttlMs = 1_500;
      const engine = await ws.open();
      const store = await ws.store();
      const put = chain('short-lived', [['in', 'trigger.manual'], ['keep', 'store.put', { store: 'recent', key: 'id', ttlMs }]]);
      await engine.drive(await engine.startRun({ flow: put, inputs: [{ triggerId: 'in', messages: [{ id: 'x' }] }] }));
      expect(await store.keyValue.get('recent', 'x')).toBe('{"id":"x"}');
      await new Promise((resolve) => setTimeout(resolve, ttlMs + 100));
      expect(await store.keyValue.get('recent', 'x')).toBeUndefined();
    });

    it('writes no state for a step that failed', async () => {
      const engine = await ws.open();
      const flow = chain('failing-put', [['in', 'trigger.manual'], ['keep', 'store.put', { store: 'strict', key: 'id' }]]);
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ id: 'ok' }, { id: { not: 'a key' } }] }] }));
      expect(report.dead.map((letter) => letter.error.code)).toEqual(['STORE_KEY_INVALID']);
      const store = await ws.store();
      expect(await store.keyValue.get('strict', 'ok')).toBe('{"id":"ok"}');
      expect(await store.keyValue.get('strict', '[object Object]')).toBeUndefined();
    });
  
    it('fires pending timers at once when a finite run has nothing else left (the end of the input closes the window)', async () => {
      const engine = await ws.open({ executors: new Map([['output.log', windowOf(60_000)]]) });
      const flow = chain('window-end', [['in', 'trigger.manual'], ['batch', 'output.log']]);
      const started = Date.now();
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n: 1 }, { n: 2 }] }] }));
      expect(report.outputs.batch).toEqual([{ window: 'window', items: [{ n: 1 }, { n: 2 }] }]);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('calls a node back on its timer with the state it kept, also after a stop and resume', async () => {
      const executors = new Map([['output.log', windowOf(300)]]);
      // A message held back by a delay keeps the run from ending, so the window's timer really waits.
      const flow = chain('windows', [['in', 'trigger.manual'], ['batch', 'output.log']], { edges: [{ from: 'in', to: 'slow' }, { from: 'slow', to: 'after' }] });
      flow.nodes.push(
        { id: 'slow', type: 'control.delay', position: [0, 200], config: { ms: 800 } },
        { id: 'after', type: 'transform.map', position: [200, 200], config: { expression: 'n' } },
      );
      const first = await ws.open({ executors });
      const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n: 1 }, { n: 2 }, { n: 3 }] }] });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 100);
      expect((await first.drive(runId, { signal: stop.signal })).status).toBe('interrupted');
      await first.close();
      const second = await ws.open({ executors });
      const report = await second.resume(runId);
      expect(report.status).toBe('succeeded');
      expect(report.outputs.batch).toEqual([{ window: 'window', items: [{ n: 1 }, { n: 2 }, { n: 3 }] }]);
      expect(report.outputs.after).toEqual([1, 2, 3]);
    });
  });
}

/** Collects messages in its own state and, `windowMs` after the first one of a window, emits them all. */
function windowOf(windowMs: number): NodeExecutor {
  return {
    type: 'output.log',
    async execute(input, ctx) {
      const held = ((await ctx.state.get('held')) as unknown[] | undefined) ?? [];
      if (held.length === 0) ctx.timers.set('window', Date.now() + windowMs);
      ctx.state.put('held', [...held, input.payload]);
      return [];
    },
    async onTimer(timer, ctx) {
      const held = ((await ctx.state.get('held')) as unknown[] | undefined) ?? [];
      ctx.state.delete('held');
      return [{ port: 'out', payload: { window: timer.key, items: held } }];
    },
  };
}
