// Drives one run (DESIGN.md §4): repeatedly picks the work to do — the furthest downstream node with
// ready messages whose queues downstream have room, else the next lines of a file input — executes
// that batch (with the pure nodes after it fused in memory, see ./execute-batch.ts) and commits the
// outcome in one transaction. File input is read only as fast as the flow drains, so memory and the
// queue stay bounded whatever the input size. Messages waiting for a retry never block other work:
// their node is skipped until the earliest of them is due. A live run (./activation.ts) does not end
// when it runs dry: it waits for its trigger sources to queue more, until they are stopped.
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueDepths } from './backpressure.js';
import type { BatchCommitter, CommitResult } from './commit.js';
import { executeBatch, type LogEntry } from './execute-batch.js';
import { advanceOf, readChunk, type FileChunk } from './ingest.js';
import { registerFlowSecrets } from './flow-secrets.js';
import { checkInputFile } from './input-file.js';
import { exclusiveClaimKeys } from './node-state.js';
import type { NodeServices } from './node-services/index.js';
import type { Redaction } from './redaction.js';
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { ClaimedMessage, EngineStore, RunRecord } from './store/types.js';
import type { OpenEngineOptions, RunProgress } from './types.js';

/** Longest sleep while waiting for retries, so an abort or new work is noticed soon. */
const MAX_IDLE_MS = 250;

export interface SchedulerDeps {
  store: EngineStore;
  committer: BatchCommitter;
  services: NodeServices;
  owner: string;
  leaseMs: number;
  batchSize: number;
  /** Payload text one batch may hold before it commits (./execute-batch.ts). */
  batchBytes: number;
  onLog: OpenEngineOptions['onLog'];
  redaction: Redaction;
}

/** New messages a live run's trigger sources queued, and a way to wait for them. */
export interface LiveFeed {
  /** False once the sources stopped: the drive then finishes what is queued and ends. */
  readonly open: boolean;
  /** Messages queued per node since the last call (`absolute`: every queued message per node). */
  takeArrivals(): Map<string, number>;
  /**
   * Set when other processes queue and take this run's messages too (a shared store): arrivals are
   * then the run's whole queue, replacing the drive's own count rather than adding to it.
   */
  readonly absolute?: boolean;
  /** Resolves when messages arrive, the feed closes, or `ms` pass. */
  waitForArrivals(ms: number, signal: AbortSignal): Promise<void>;
}

export interface DriveOutcome {
  /** True when the drive stopped (abort) before the end. */
  stopped: boolean;
}

interface Work {
  node: PlannedNode;
  batch: ClaimedMessage[];
  chunk?: FileChunk;
}

export async function driveToEnd(
  deps: SchedulerDeps,
  run: RunRecord,
  plan: RunPlan,
  options: { signal?: AbortSignal | undefined; onProgress?: ((progress: RunProgress) => void) | undefined; live?: LiveFeed | undefined },
): Promise<DriveOutcome> {
  const { store, committer, owner } = deps;
  const runId = run.id;
  // A file input must still be the file the run started with (./input-file.ts).
  const inputs = await store.runs.openInputs(runId);
  for (const input of inputs) checkInputFile(input);
  await registerFlowSecrets(plan, deps.services);
  const live = options.live;
  // What arrived before this drive is in the counts read below.
  live?.takeArrivals();
  const depths = new QueueDepths(plan, await store.queue.depthByNode(runId));
  const wakeAt = new Map<string, number>();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort(options.signal.reason);

  // Keeps the run's lease fresh while a long batch (slow HTTP) runs; commits renew it too.
  const heartbeat = setInterval(() => {
    store.runs.heartbeat(runId, owner).catch(() => undefined);
  }, Math.max(200, Math.floor(deps.leaseMs / 3)));
  heartbeat.unref();

  let openInputs = inputs.filter((input) => input.filePath !== null);
  // Batches that may touch node state are claimed one process at a time per group (./node-state.ts).
  const exclusiveKeys = exclusiveClaimKeys(plan);
  let received = run.received;
  let processed = run.processed;
  let dead = run.dead;
  let notIngested = await store.runs.notYetIngested(runId);
  // Per node: how many messages its batches take, lowered to what the last batch ran when it stopped at
  // its byte budget (and doubled back while batches run whole), so large messages are not claimed or
  // read again and again only to be given back.
  const claimLimits = new Map<string, number>();
  const claimLimit = (nodeId: string): number => claimLimits.get(nodeId) ?? deps.batchSize;
  // The host's log lines leave without secrets, like everything the engine stores.
  const log = (nodeId: string, level: LogEntry['level'], message: string, data?: unknown): void => {
    if (!deps.onLog) return;
    const line: { runId: string; nodeId: string; level: LogEntry['level']; message: string; data?: unknown } = { runId, nodeId, level, message: deps.redaction.text(message) };
    if (data !== undefined) line.data = deps.redaction.value(data);
    deps.onLog(line);
  };
  const progress = (): void => {
    options.onProgress?.({ runId, received, processed, pending: depths.total() + notIngested, dead });
  };
  const takeArrivals = (): void => {
    if (!live) return;
    if (live.absolute) {
      const queued = live.takeArrivals();
      if (queued.size === 0) return;
      for (const node of plan.nodes.keys()) depths.add(node, (queued.get(node) ?? 0) - depths.of(node));
      wakeAt.clear();
      return;
    }
    for (const [nodeId, count] of live.takeArrivals()) {
      depths.add(nodeId, count);
      received += count;
      wakeAt.delete(nodeId);
    }
  };

  try {
    while (!stop.signal.aborted) {
      takeArrivals();
      const now = Date.now();
      const work = await nextWork(now);
      if (!work) {
        if (depths.total() === 0 && openInputs.length === 0) {
          if (live?.open) {
            await live.waitForArrivals(MAX_IDLE_MS * 4, stop.signal);
            continue;
          }
          // The in-memory view says done: confirm against the database before finishing.
          takeArrivals();
          const left = await store.queue.depthByNode(runId);
          if (left.size === 0) break;
          for (const [nodeId, count] of left) depths.add(nodeId, count - depths.of(nodeId));
          continue;
        }
        // A finite run whose input is all in and handled: windows still open close now, not at their time.
        if (!live?.open && openInputs.length === 0 && (await store.queue.releaseTimers(runId)) > 0) {
          wakeAt.clear();
          continue;
        }
        const due = Math.min(...[...wakeAt.values()].filter((at) => at > now), now + MAX_IDLE_MS);
        const wait = Math.max(1, Math.min(due - now, MAX_IDLE_MS));
        if (live?.open) await live.waitForArrivals(wait, stop.signal);
        else await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
        continue;
      }

      const { node, batch, chunk } = work;
      const exclusive = chunk ? undefined : exclusiveKeys.get(node.node.id);
      const outcomes = await executeBatch(batch, {
        runId, runKind: run.kind, flowVersion: run.flowVersion, plan, node, services: deps.services, signal: stop.signal,
        redaction: deps.redaction, onLog: (nodeId: string, entry: LogEntry) => log(nodeId, entry.level, entry.message, entry.data),
        maxHeldBytes: deps.batchBytes,
      });
      const advance = chunk ? advanceOf(chunk, outcomes.length) : undefined;
      const result: CommitResult = await committer.commit(
        { runId, runKind: run.kind, flowVersion: run.flowVersion, plan, owner, stopping: stop.signal.aborted, ...(exclusive === undefined ? {} : { exclusive }) },
        outcomes,
        advance,
      );
      if (outcomes.length < batch.length) {
        claimLimits.set(node.node.id, outcomes.length);
        // The batch stopped at its byte budget: what it did not take is claimable again (by anyone).
        if (!chunk) await store.queue.release(runId, owner, batch.slice(outcomes.length));
      } else if (claimLimits.has(node.node.id)) {
        const doubled = claimLimit(node.node.id) * 2;
        if (doubled >= deps.batchSize) claimLimits.delete(node.node.id);
        else claimLimits.set(node.node.id, doubled);
      }
      if (advance) {
        notIngested -= outcomes.length;
        // The committed offset is where the next chunk starts: the input's row now says what `advance`
        // says (it committed with the batch), so it is updated here rather than read back per batch.
        openInputs = openInputs.flatMap((input) => {
          if (input.ordinal !== advance.ordinal) return [input];
          return advance.done ? [] : [{ ...input, byteOffset: advance.byteOffset, line: advance.line, ingested: advance.ingested }];
        });
      }
      depths.add(node.node.id, -result.removed);
      for (const [nodeId, count] of result.queued) {
        depths.add(nodeId, count);
        wakeAt.delete(nodeId);
      }
      for (const notice of result.notices) log(notice.nodeId, notice.level, notice.message);
      processed += result.processed;
      dead += result.dead;
      progress();
      // Let timers and signal handlers run between batches: mapping work only yields to microtasks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', onAbort);
  }
  progress();
  return { stopped: stop.signal.aborted };

  async function nextWork(now: number): Promise<Work | undefined> {
    for (const node of plan.drainOrder) {
      const id = node.node.id;
      if (depths.of(id) <= 0) continue;
      const wake = wakeAt.get(id);
      if (wake !== undefined) {
        if (wake > now) continue;
        wakeAt.delete(id);
      }
      if (depths.isBlocked(node)) continue;
      const limit = Math.max(1, Math.min(claimLimit(id), depths.batchRoom(node)));
      const exclusive = exclusiveKeys.get(id);
      const batch = await store.queue.claim({ runId, nodeId: id, limit, owner, leaseMs: deps.leaseMs, ...(exclusive === undefined ? {} : { exclusive }) });
      if (batch.length > 0) return { node, batch };
      // Everything queued here is backing off: look again when the first is due.
      const due = await store.queue.nextAvailableAt(runId, id);
      // Nothing queued at all: an arrival counted twice (queued just as the drive read its counts).
      if (due === undefined) depths.add(id, -depths.of(id));
      wakeAt.set(id, due ?? now + MAX_IDLE_MS);
    }
    if (openInputs.length === 0) return undefined;
    // Queues first, then new input: the file is read only as fast as the flow drains.
    const chunk = readChunk(runId, openInputs, (triggerId) => {
      const trigger = plan.nodes.get(triggerId);
      if (!trigger || depths.isBlocked(trigger)) return 0;
      return Math.min(claimLimit(triggerId), depths.batchRoom(trigger));
    }, deps.batchBytes / 2);
    if (!chunk) return undefined;
    if (chunk.messages.length === 0 && chunk.finished) {
      // Only blank lines were left: record the end of the input.
      await committer.commit({ runId, runKind: run.kind, flowVersion: run.flowVersion, plan, owner, stopping: false }, [], advanceOf(chunk));
      openInputs = (await store.runs.openInputs(runId)).filter((input) => input.filePath !== null);
      return nextWork(now);
    }
    return { node: plan.nodes.get(chunk.triggerId) as PlannedNode, batch: chunk.messages, chunk };
  }
}
