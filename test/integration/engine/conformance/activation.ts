// Live flows on any store: an activated flow's trigger sources feed one live run until deactivated;
// emits are durable before they resolve, committed in groups, de-duplicated by Idempotency-Key; a
// redeploy lets the old version's in-flight messages finish on it.
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine, EngineStore, TriggerEmitter, TriggerSource } from '../../../../main/engine/index.js';
import { Engine as EngineClass } from '../../../../main/engine/index.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';

async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function activationSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());

  // Run lease only: with a run lease the activation drives its live run itself. On a store opened for
  // scale-out it only holds the run open and the work loops (Engine.work) drive it, so cases waiting for
  // the activation to deliver do not apply; test/integration/postgres/ proves that path.
  const itWithRunLease = it.skipIf(harness.sharedRuns === true);

  describe(`live flows (${harness.name})`, () => {
    itWithRunLease('processes what its trigger sends while active and ends its live run on deactivation', async () => {
      const engine = await ws.open();
      const flow = chain('live-orders', [['orders', 'trigger.manual'], ['total', 'transform.map', { expression: '{ "id": id, "total": qty * price }' }]]);
      const activation = await engine.activate(flow);
      expect((await engine.report(activation.runId)).status).toBe('running');
      const sent = await activation.send('orders', [{ id: 1, qty: 2, price: 5 }, { id: 2, qty: 1, price: 3 }]);
      expect(sent.messageIds).toHaveLength(2);
      const live = await until(() => engine.report(activation.runId), (report) => (report.outputs.total?.length ?? 0) === 2);
      expect(live.outputs.total).toEqual([{ id: 1, total: 10 }, { id: 2, total: 3 }]);
      expect(live.status).toBe('running');
      await activation.send('orders', [{ id: 3, qty: 1, price: 1 }]);
      const ended = await activation.deactivate();
      expect(ended.status).toBe('succeeded');
      expect(ended.counts).toMatchObject({ received: 3, pending: 0, dead: 0 });
      expect(ended.outputs.total).toHaveLength(3);
      expect((await engine.listRuns({ flowId: 'live-orders' }))[0]).toMatchObject({ kind: 'live', runId: activation.runId });
      await expect(activation.send('orders', [{ id: 4 }])).rejects.toMatchObject({ code: 'ACTIVATION_ENDED' });
    });

    itWithRunLease('answers a re-sent Idempotency-Key with the first message ids and queues nothing new', async () => {
      const engine = await ws.open();
      const flow = chain('live-keys', [['hook', 'trigger.manual'], ['copy', 'transform.map', { expression: '$' }]]);
      const activation = await engine.activate(flow);
      const first = await activation.send('hook', [{ order: 'A-1' }], { idempotencyKey: 'key-1' });
      const again = await activation.send('hook', [{ order: 'A-1 (changed)' }], { idempotencyKey: 'key-1' });
      const other = await activation.send('hook', [{ order: 'A-2' }], { idempotencyKey: 'key-2' });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ messageIds: first.messageIds, duplicate: true });
      expect(other.messageIds).not.toEqual(first.messageIds);
      const report = await activation.deactivate();
      expect(report.outputs.copy).toEqual([{ order: 'A-1' }, { order: 'A-2' }]);
      // Remembered across activations too: a re-send after a redeploy is still a re-send.
      const next = await engine.activate(flow);
      expect(await next.send('hook', [{ order: 'A-1' }], { idempotencyKey: 'key-1' })).toEqual({ messageIds: first.messageIds, duplicate: true });
      expect((await next.deactivate()).counts.received).toBe(0);
    });

    itWithRunLease('fires a schedule instant once, also when a restarted host emits it again, and remembers the latest', async () => {
      const engine = await ws.open();
      const flow = chain('live-schedule', [['tick', 'trigger.manual'], ['seen', 'transform.map', { expression: 'firedAt' }]]);
      const emitters: TriggerEmitter[] = [];
      const source = (): TriggerSource => ({ start: async (emitter) => void emitters.push(emitter), stop: async () => undefined });
      const first = await engine.activate(flow, { sources: { 'trigger.manual': source } });
      const at = Date.UTC(2026, 11, 4, 6, 0, 0);
      const fired = await emitters[0]!.emit([{ firedAt: new Date(at).toISOString() }], { firing: at });
      expect(fired.duplicate).toBe(false);
      expect(await emitters[0]!.emit([{ firedAt: 'again' }], { firing: at })).toEqual({ messageIds: fired.messageIds, duplicate: true });
      await first.deactivate();
      const second = await engine.activate(flow, { sources: { 'trigger.manual': source } });
      expect(await emitters[1]!.lastFiring()).toBe(at);
      expect((await emitters[1]!.emit([{ firedAt: 'after restart' }], { firing: at })).duplicate).toBe(true);
      await emitters[1]!.emit([{ firedAt: 'next' }], { firing: at + 1000 });
      expect(await emitters[1]!.lastFiring()).toBe(at + 1000);
      const report = await second.deactivate();
      expect(report.outputs.seen).toEqual(['next']);
    });

    itWithRunLease('commits concurrent emits together (group commit), each resolving once durable', async () => {
      const store = await harness.open(ws.dir);
      let units = 0;
      const counting: EngineStore = Object.create(store, {
        unitOfWork: { value: (work: Parameters<EngineStore['unitOfWork']>[0]) => ((units += 1), store.unitOfWork(work)) },
      }) as EngineStore;
      const engine: Engine = new EngineClass(counting, { workspace: ws.dir });
      const flow = chain('live-burst', [['hook', 'trigger.manual'], ['copy', 'transform.map', { expression: 'n' }]]);
      const activation = await engine.activate(flow);
      const before = units;
      const results = await Promise.all(Array.from({ length: 300 }, (_, n) => activation.send('hook', [{ n }], { idempotencyKey: `k${n}` })));
      expect(new Set(results.flatMap((result) => result.messageIds)).size).toBe(300);
      expect(units - before).toBeLessThan(300);
      const report = await activation.deactivate();
      expect((report.outputs.copy as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, n) => n));
      await engine.close();
    });

    itWithRunLease('starts and stops the sources a host gives, and finishes in-flight messages on their version after a redeploy', async () => {
      const engine = await ws.open();
      const events: string[] = [];
      const emitters: TriggerEmitter[] = [];
      const source = (): TriggerSource => ({
        start: async (emitter) => {
          events.push(`start ${emitter.flowId}/${emitter.nodeId}`);
          emitters.push(emitter);
        },
        stop: async () => {
          events.push('stop');
        },
      });
      const v1 = chain('live-redeploy', [['in', 'trigger.manual'], ['wait', 'control.delay', { ms: 300 }], ['tag', 'transform.map', { expression: '{ "n": n, "version": 1 }' }]]);
      const first = await engine.activate(v1, { sources: { 'trigger.manual': source } });
      await emitters[0]!.emit([{ n: 1 }, { n: 2 }]);
      const v2 = structuredClone(v1);
      (v2.nodes[2] as { config: Record<string, unknown> }).config = { expression: '{ "n": n, "version": 2 }' };
      const second = await engine.activate(v2, { sources: { 'trigger.manual': source } });
      expect(second.version).toBe(first.version + 1);
      const old = await first.deactivate();
      await emitters[1]!.emit([{ n: 3 }]);
      const current = await second.deactivate();
      expect(old.outputs.tag).toEqual([{ n: 1, version: 1 }, { n: 2, version: 1 }]);
      expect(current.outputs.tag).toEqual([{ n: 3, version: 2 }]);
      expect(events).toEqual(['start live-redeploy/in', 'start live-redeploy/in', 'stop', 'stop']);
    });

    it('stops at once without waiting for queued messages, leaving them to a resume', async () => {
      const engine = await ws.open();
      const flow = chain('live-stop', [['in', 'trigger.manual'], ['wait', 'control.delay', { ms: 1500 }], ['done', 'transform.map', { expression: 'n' }]]);
      const activation = await engine.activate(flow);
      await activation.send('in', [{ n: 1 }, { n: 2 }]);
      const stopped = await activation.stop();
      expect(stopped.status).toBe('interrupted');
      expect(stopped.outputs.done).toBeUndefined();
      await expect(activation.send('in', [{ n: 3 }])).rejects.toMatchObject({ code: 'ACTIVATION_ENDED' });
      expect((await engine.resume(activation.runId)).outputs.done).toEqual([1, 2]);
    });

    it('leaves a live run resumable when the engine closes, and resume finishes what was queued', async () => {
      const engine = await ws.open();
      const flow = chain('live-close', [['in', 'trigger.manual'], ['wait', 'control.delay', { ms: 2000 }], ['done', 'transform.map', { expression: 'n' }]]);
      const activation = await engine.activate(flow);
      await activation.send('in', [{ n: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await engine.close();
      const next = await ws.open();
      expect((await next.report(activation.runId)).status).toBe('interrupted');
      const resumed = await next.resume(activation.runId);
      expect(resumed.outputs.done).toEqual([1]);
      expect(resumed.status).toBe('succeeded');
    });
  });
}
