// The engine's store with a listener on what it writes: every committed batch (./step-tally.ts) and
// every message queued through a unit of work (trigger intake, run starts, replays). `pipewright serve`
// opens its engine on this store, so /metrics counts each step as it commits, without the engine
// knowing and without a query per step. The listener runs after the store answered, never inside its
// transaction, and a listener that throws cannot fail a commit.
import type { EngineStore, NewMessage, QueueStore, StepBatch, UnitOfWork } from '../../engine/store/types.js';
import { tallyBatch, type NodeTally } from './step-tally.js';

export interface StoreListener {
  committed(runId: string, tallies: Map<string, NodeTally>): void;
  /** Messages newly queued at a node outside a step (trigger intake, a run's start). */
  enqueued(runId: string, nodeId: string, count: number): void;
}

export function observeStore(store: EngineStore, listener: StoreListener): EngineStore {
  const quietly = (notify: () => void): void => {
    try {
      notify();
    } catch {
      // Metrics are never worth a failed commit.
    }
  };
  const inner = store.queue;
  const queue: QueueStore = {
    claim: (request) => inner.claim(request),
    commit: async (batch: StepBatch) => {
      const result = await inner.commit(batch);
      quietly(() => listener.committed(batch.runId, tallyBatch(batch, result.skipped)));
      return result;
    },
    release: (runId, owner, messages) => inner.release(runId, owner, messages),
    nextAvailableAt: (runId, nodeId) => inner.nextAvailableAt(runId, nodeId),
    depthByNode: (runId) => inner.depthByNode(runId),
    oldestAgeByNode: (runId) => inner.oldestAgeByNode(runId),
    countInRun: (runId) => inner.countInRun(runId),
    releaseTimers: (runId) => inner.releaseTimers(runId),
  };
  return {
    get description() {
      return store.description;
    },
    // A shared store's capabilities pass through (PostgreSQL scale-out, DESIGN.md §8).
    ...(store.sharedRuns === undefined ? {} : { sharedRuns: store.sharedRuns }),
    ...(store.waitForWork ? { waitForWork: store.waitForWork.bind(store) } : {}),
    flows: store.flows,
    runs: store.runs,
    queue,
    traces: store.traces,
    deadLetters: store.deadLetters,
    keyValue: store.keyValue,
    idempotencyKeys: store.idempotencyKeys,
    scheduleFirings: store.scheduleFirings,
    async unitOfWork(work) {
      const queued: Array<{ messages: NewMessage[]; inserted: number }> = [];
      const result = await store.unitOfWork((tx) => work(watchingEnqueue(tx, queued)));
      quietly(() => {
        for (const { messages, inserted } of queued) reportEnqueued(messages, inserted, listener);
      });
      return result;
    },
    close: () => store.close(),
  };
}

/** The unit of work as given, with `enqueue` noting what it queued (reported once the unit committed). */
function watchingEnqueue(tx: UnitOfWork, queued: Array<{ messages: NewMessage[]; inserted: number }>): UnitOfWork {
  return {
    insertRun: (run) => tx.insertRun(run),
    insertInputs: (inputs) => tx.insertInputs(inputs),
    enqueue: async (messages) => {
      const inserted = await tx.enqueue(messages);
      queued.push({ messages, inserted });
      return inserted;
    },
    addReceived: (runId, count) => tx.addReceived(runId, count),
    markReplayed: (ids, runId) => tx.markReplayed(ids, runId),
    rememberIdempotencyKey: (scope, key, messageId) => tx.rememberIdempotencyKey(scope, key, messageId),
    recordScheduleFiring: (scope, instant) => tx.recordScheduleFiring(scope, instant),
    putState: (writes) => tx.putState(writes),
  };
}

/** Per run and node; when some were already queued (ignored), the new ones are put on the first node named. */
function reportEnqueued(messages: NewMessage[], inserted: number, listener: StoreListener): void {
  if (inserted === messages.length) {
    const counts = new Map<string, { runId: string; nodeId: string; count: number }>();
    for (const message of messages) {
      const key = `${message.runId}\u0000${message.nodeId}`;
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { runId: message.runId, nodeId: message.nodeId, count: 1 });
    }
    for (const { runId, nodeId, count } of counts.values()) listener.enqueued(runId, nodeId, count);
  } else if (inserted > 0 && messages[0]) {
    listener.enqueued(messages[0].runId, messages[0].nodeId, inserted);
  }
}
