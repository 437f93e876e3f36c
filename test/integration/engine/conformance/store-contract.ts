// The store interface itself (main/engine/store/types.ts), below the engine: what a second store must
// do exactly as SQLite does — a unit of work commits whole or not at all, a batch commit moves nothing
// for a driver that lost the run's lease and skips a unit whose input already left, flow versions,
// idempotency keys and schedule firings are recorded once.
import { describe, expect, it } from 'vitest';
import type { NewRun } from '../../../../main/engine/store/types.js';
import { suiteStore, type StoreHarness } from '../../../fixtures/engine/stores.js';

export function storeContractSuite(harness: StoreHarness): void {
  const suite = suiteStore(harness, 'pipewright-store-');

  const run = (id: string, owner = 'host/1/a'): NewRun => ({ id, flowId: 'f', flowVersion: 1, kind: 'run', owner, received: 0 });
  const message = (runId: string, id: string, nodeId = 'in'): { id: string; runId: string; nodeId: string; payload: string; idempotencyKey: string } =>
    ({ id, runId, nodeId, payload: `{"id":"${id}"}`, idempotencyKey: id });

  describe(`store contract (${harness.name})`, () => {
    it('commits a unit of work whole, and rolls it back whole when it throws', async () => {
      await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-kept'));
        await tx.enqueue([message('r-kept', 'm1')]);
      });
      await expect(suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-lost'));
        await tx.enqueue([message('r-lost', 'm2')]);
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect(await suite().runs.find('r-kept')).toMatchObject({ id: 'r-kept', status: 'running', owner: 'host/1/a' });
      expect(await suite().runs.find('r-lost')).toBeUndefined();
      expect(await suite().queue.countInRun('r-lost')).toBe(0);
      expect(await suite().queue.countInRun('r-kept')).toBe(1);
    });

    it('gives back claimed messages a batch did not run, claimable by another process at once', async () => {
      await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-release'));
        await tx.enqueue([message('r-release', 'g1'), message('r-release', 'g2'), message('r-release', 'g3')]);
      });
      const claimed = await suite().queue.claim({ runId: 'r-release', nodeId: 'in', limit: 3, owner: 'host/1/a', leaseMs: 30_000 });
      expect(claimed.map((m) => m.id)).toEqual(['g1', 'g2', 'g3']);
      await suite().queue.release('r-release', 'host/1/a', claimed.slice(1));
      const again = await suite().queue.claim({ runId: 'r-release', nodeId: 'in', limit: 3, owner: 'host/2/b', leaseMs: 30_000 });
      expect(again.map((m) => m.id)).toEqual(expect.arrayContaining(['g2', 'g3']));
    });

    it('ignores a message id queued twice', async () => {
      const added = await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-dupe'));
        return (await tx.enqueue([message('r-dupe', 'd1'), message('r-dupe', 'd1'), message('r-dupe', 'd2')]));
      });
      expect(added).toBe(2);
    });

    // Run lease only: a store opened for scale-out has no run lease to take over (message leases decide).
    it.skipIf(harness.sharedRuns === true)('moves nothing for a driver that no longer holds the lease', async () => {
      await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-lease', 'host/1/old'));
        await tx.enqueue([message('r-lease', 'l1')]);
      });
      expect(await suite().runs.takeOwnership('r-lease', 'host/2/new', 'host/1/old')).toBe(true);
      expect(await suite().runs.takeOwnership('r-lease', 'host/3/late', 'host/1/old')).toBe(false);
      const [claimed] = await suite().queue.claim({ runId: 'r-lease', nodeId: 'in', limit: 10, owner: 'host/2/new', leaseMs: 30_000 });
      const batch = { runId: 'r-lease', units: [{ seq: claimed!.seq!, processed: 1, dead: 0, storedBytes: 10 }] };
      await expect(suite().queue.commit({ ...batch, owner: 'host/1/old' })).rejects.toMatchObject({ code: 'RUN_TAKEN_OVER' });
      expect(await suite().queue.countInRun('r-lease')).toBe(1);
      expect(await suite().queue.commit({ ...batch, owner: 'host/2/new' })).toEqual({ skipped: [] });
      expect(await suite().queue.countInRun('r-lease')).toBe(0);
      // The same input again: already gone, so the unit is skipped and its effects are not applied.
      const again = await suite().queue.commit({ ...batch, owner: 'host/2/new', units: [{ ...batch.units[0]!, enqueue: [message('r-lease', 'l2', 'next')] }] });
      expect(again).toEqual({ skipped: [0] });
      expect(await suite().queue.countInRun('r-lease')).toBe(0);
      expect((await suite().runs.find('r-lease'))?.processed).toBe(1);
    });

    it('holds a retried or delayed message back until it is due', async () => {
      await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-due'));
        await tx.enqueue([{ ...message('r-due', 'later'), availableAt: Date.now() + 60_000 }, message('r-due', 'now')]);
      });
      const claimed = await suite().queue.claim({ runId: 'r-due', nodeId: 'in', limit: 10, owner: 'host/1/a', leaseMs: 30_000 });
      expect(claimed.map((m) => m.id)).toEqual(['now']);
      // With a run lease the claimer's own messages are ready for it now; on a shared run a claimed
      // message is ready for the others only when its lease (30 s) runs out.
      if (harness.sharedRuns === true) expect(await suite().queue.nextAvailableAt('r-due', 'in')).toBeGreaterThan(Date.now() + 20_000);
      else expect(await suite().queue.nextAvailableAt('r-due', 'in')).toBe(0);
      await suite().queue.commit({ runId: 'r-due', owner: 'host/1/a', units: [{ seq: claimed[0]!.seq!, retry: { attempt: 2, availableAt: Date.now() + 30_000, attemptsJson: '[]' }, processed: 0, dead: 0, storedBytes: 0 }] });
      expect(await suite().queue.claim({ runId: 'r-due', nodeId: 'in', limit: 10, owner: 'host/1/a', leaseMs: 30_000 })).toEqual([]);
      expect(await suite().queue.nextAvailableAt('r-due', 'in')).toBeGreaterThan(Date.now());
      expect(await suite().queue.depthByNode('r-due')).toEqual(new Map([['in', 2]]));
    });

    it('keeps a flow version for the same content and numbers a changed one', async () => {
      const [a, b] = await Promise.all([suite().flows.register('fv', 'hash-1', '{"v":1}', null), suite().flows.register('fv', 'hash-1', '{"v":1}', null)]);
      expect([a, b]).toEqual([1, 1]);
      expect(await suite().flows.register('fv', 'hash-2', '{"v":2}', '/w/flows/fv.flow.json')).toBe(2);
      expect(await suite().flows.get('fv', 1)).toBe('{"v":1}');
      expect(await suite().flows.latestDocuments()).toContain('{"v":2}');
    });

    it('remembers an idempotency key once, in the unit of work that queued its message', async () => {
      expect(await suite().unitOfWork((tx) => tx.rememberIdempotencyKey('flow/hook', 'k1', '["m1"]'))).toBeUndefined();
      expect(await suite().unitOfWork((tx) => tx.rememberIdempotencyKey('flow/hook', 'k1', '["m2"]'))).toBe('["m1"]');
      expect(await suite().idempotencyKeys.find('flow/hook', 'k1')).toBe('["m1"]');
      await suite().unitOfWork(async (tx) => {
        await tx.rememberIdempotencyKey('flow/hook', 'k-rolled-back', '["m3"]');
        throw new Error('request failed');
      }).catch(() => undefined);
      expect(await suite().idempotencyKeys.find('flow/hook', 'k-rolled-back')).toBeUndefined();
    });

    it('records each schedule instant once', async () => {
      const instant = Date.UTC(2026, 11, 4, 3, 0, 0);
      expect(await suite().unitOfWork((tx) => tx.recordScheduleFiring('flow/nightly', instant))).toBe(true);
      expect(await suite().unitOfWork((tx) => tx.recordScheduleFiring('flow/nightly', instant))).toBe(false);
      expect(await suite().scheduleFirings.latest('flow/nightly')).toBe(instant);
      expect(await suite().scheduleFirings.latest('flow/other')).toBeUndefined();
    });

    it('tells how long the oldest message of each node has waited, a retry keeping its enqueued time', async () => {
      await suite().unitOfWork(async (tx) => {
        await tx.insertRun(run('r-age'));
        await tx.enqueue([message('r-age', 'a1')]);
      });
      await new Promise((resolve) => setTimeout(resolve, 60));
      await suite().unitOfWork((tx) => tx.enqueue([message('r-age', 'a2'), message('r-age', 'b1', 'next')]));
      const [first] = await suite().queue.claim({ runId: 'r-age', nodeId: 'in', limit: 1, owner: 'host/1/a', leaseMs: 30_000 });
      await suite().queue.commit({ runId: 'r-age', owner: 'host/1/a', units: [{ seq: first!.seq!, retry: { attempt: 2, availableAt: 0, attemptsJson: '[]' }, processed: 0, dead: 0, storedBytes: 0 }] });
      const ages = await suite().queue.oldestAgeByNode('r-age');
      expect([...ages.keys()].sort()).toEqual(['in', 'next']);
      // The database's clock and this process's may differ by a little: compare with slack.
      expect(ages.get('in')).toBeGreaterThanOrEqual(50);
      expect(ages.get('next')).toBeLessThan(ages.get('in')! - 30);
      expect(await suite().queue.oldestAgeByNode('r-none')).toEqual(new Map());
    });

    it('writes and deletes key-value state', async () => {
      await suite().unitOfWork((tx) => tx.putState([{ store: 's', key: 'a', value: '1' }, { store: 's', key: 'b', value: '"two"' }]));
      await suite().unitOfWork((tx) => tx.putState([{ store: 's', key: 'a', value: null }]));
      expect(await suite().keyValue.get('s', 'a')).toBeUndefined();
      expect(await suite().keyValue.get('s', 'b')).toBe('"two"');
    });
  });
}
