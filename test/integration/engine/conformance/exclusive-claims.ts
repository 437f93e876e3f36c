// Exclusive claims (store/types.ts ClaimRequest.exclusive, docs/scale-out.md "Stateful steps"): every
// store accepts them; a store whose runs several processes share (PostgreSQL with sharedRuns) lets one
// process at a time hold a (run, key), ends the hold at the commit, and applies nothing of a commit
// whose hold was lost to another process — its messages are worked again, on the state as committed.
import { describe, expect, it } from 'vitest';
import type { ClaimRequest, NewMessage, StepBatch } from '../../../../main/engine/store/types.js';
import { suiteStore, type StoreHarness } from '../../../fixtures/engine/stores.js';

export function exclusiveClaimsSuite(harness: StoreHarness): void {
  const suite = suiteStore(harness, 'pipewright-exclusive-');

  const messages = (runId: string, count: number): NewMessage[] =>
    Array.from({ length: count }, (_, i) => ({ id: `${runId}-m${i}`, runId, nodeId: 'window', payload: `{"n":${i}}`, idempotencyKey: `${runId}-m${i}` }));
  const startRun = (runId: string, count: number): Promise<void> => suite().unitOfWork(async (tx) => {
    await tx.insertRun({ id: runId, flowId: 'f', flowVersion: 1, kind: 'live', owner: 'host/1/a', received: count });
    await tx.enqueue(messages(runId, count));
  });
  const claim = (runId: string, owner: string, leaseMs = 30_000): ClaimRequest => ({ runId, nodeId: 'window', limit: 10, owner, leaseMs, exclusive: 'window' });
  /** Consumes what was claimed and writes the window's state, as an aggregate's batch does. */
  const done = (runId: string, owner: string, seqs: number[], count: number): StepBatch => ({
    runId, owner, exclusive: 'window',
    units: seqs.map((seq, i) => ({ seq, processed: 1, dead: 0, storedBytes: 0, ...(i === 0 ? { state: [{ store: `~w/${runId}`, key: 'count', value: String(count) }] } : {}) })),
  });

  describe(`exclusive claims (${harness.name})`, () => {
    it('claims and commits a stateful batch under an exclusive key', async () => {
      await startRun('x-plain', 3);
      const claimed = await suite().queue.claim(claim('x-plain', 'host/1/a'));
      expect(claimed).toHaveLength(3);
      expect(await suite().queue.commit(done('x-plain', 'host/1/a', claimed.map((m) => m.seq!), 3))).toEqual({ skipped: [] });
      expect(await suite().queue.countInRun('x-plain')).toBe(0);
      expect(await suite().keyValue.get('~w/x-plain', 'count')).toBe('3');
    });

    // Several processes on one run exist only where runs are shared; a run-leased store has one driver.
    describe.skipIf(harness.sharedRuns !== true)('between processes sharing the run', () => {
      it('lets one process at a time hold a key, until its commit', async () => {
        await startRun('x-one', 4);
        const first = await suite().queue.claim({ ...claim('x-one', 'host/1/a'), limit: 2 });
        expect(first).toHaveLength(2);
        // Messages are left, but the key is held: the other process gets none of them.
        expect(await suite().queue.claim(claim('x-one', 'host/2/b'))).toEqual([]);
        expect(await suite().queue.commit(done('x-one', 'host/1/a', first.map((m) => m.seq!), 2))).toEqual({ skipped: [] });
        const second = await suite().queue.claim(claim('x-one', 'host/2/b'));
        expect(second.map((m) => m.id)).toEqual(['x-one-m2', 'x-one-m3']);
        expect(await suite().queue.commit(done('x-one', 'host/2/b', second.map((m) => m.seq!), 4))).toEqual({ skipped: [] });
        expect(await suite().keyValue.get('~w/x-one', 'count')).toBe('4');
      });

      it('applies nothing of a commit whose hold ran out and was taken, and lets the new holder work the messages again', async () => {
        await startRun('x-lost', 2);
        const stale = await suite().queue.claim(claim('x-lost', 'host/1/a', 1));
        expect(stale).toHaveLength(2);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const taken = await suite().queue.claim(claim('x-lost', 'host/2/b'));
        expect(taken.map((m) => m.id)).toEqual(['x-lost-m0', 'x-lost-m1']);
        expect(await suite().queue.commit(done('x-lost', 'host/2/b', taken.map((m) => m.seq!), 2))).toEqual({ skipped: [] });
        // The first process comes back with the same messages and the state it read before: refused whole.
        expect(await suite().queue.commit(done('x-lost', 'host/1/a', stale.map((m) => m.seq!), 99))).toEqual({ skipped: [0, 1] });
        expect(await suite().keyValue.get('~w/x-lost', 'count')).toBe('2');
        expect((await suite().runs.find('x-lost'))?.processed).toBe(2);
      });

      it('refuses a commit after the holder let go, even with its messages still queued', async () => {
        await startRun('x-gone', 2);
        const held = await suite().queue.claim(claim('x-gone', 'host/1/a'));
        // The process stops: it lets go of what it claimed (SIGTERM), the run goes on elsewhere.
        await suite().runs.finish('x-gone', 'host/1/a', 'interrupted');
        expect(await suite().queue.commit(done('x-gone', 'host/1/a', held.map((m) => m.seq!), 2))).toEqual({ skipped: [0, 1] });
        const next = await suite().queue.claim(claim('x-gone', 'host/2/b'));
        expect(next).toHaveLength(2);
        expect(await suite().queue.commit(done('x-gone', 'host/2/b', next.map((m) => m.seq!), 2))).toEqual({ skipped: [] });
        expect(await suite().queue.countInRun('x-gone')).toBe(0);
      });

      it('lets go of a key at once when the claim found no message', async () => {
        await startRun('x-empty', 0);
        expect(await suite().queue.claim(claim('x-empty', 'host/1/a'))).toEqual([]);
        await suite().unitOfWork((tx) => tx.enqueue(messages('x-empty', 1)));
        expect(await suite().queue.claim(claim('x-empty', 'host/2/b'))).toHaveLength(1);
      });
    });
  });
}
