// Drives one run to the end (DESIGN.md §4): repeatedly picks the work to do — the furthest downstream
// node with ready messages whose queues downstream have room, else the next lines of a file input —
// executes that batch (with the pure nodes after it fused in memory, see ./execute-batch.ts) and commits
// the outcome in one transaction. File input is read only as fast as the flow drains, so memory and the
// queue stay bounded whatever the input size. Messages waiting for a retry never block other work:
// their node is skipped until the earliest of them is due.
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueDepths } from './backpressure.js';
import type { BatchCommitter, CommitResult } from './commit.js';
import { executeBatch, type LogEntry } from './execute-batch.js';
import type { FileChunk, Ingest } from './ingest.js';
import type { ClaimedMessage, MessageQueue } from './queue.js';
import type { Redaction } from './redaction.js';
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { RunRecord, RunRecords } from './run-records.js';
import type { CredentialProvider, MappingEvaluator, OpenEngineOptions, RunProgress } from './types.js';

/** Longest sleep while waiting for retries, so an abort or new work is noticed soon. */
const MAX_IDLE_MS = 250;

export interface SchedulerDeps {
  queue: MessageQueue;
  ingest: Ingest;
  committer: BatchCommitter;
  runs: RunRecords;
  mapping: MappingEvaluator;
  owner: string;
  leaseMs: number;
  batchSize: number;
  onLog: OpenEngineOptions['onLog'];
  credentials: CredentialProvider | undefined;
  redaction: Redaction;
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
  options: { signal?: AbortSignal | undefined; onProgress?: ((progress: RunProgress) => void) | undefined },
): Promise<DriveOutcome> {
  const { queue, ingest, committer, runs, owner } = deps;
  const runId = run.id;
  const depths = new QueueDepths(plan, queue.countByNode(runId));
  const wakeAt = new Map<string, number>();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort(options.signal.reason);

  // Keeps the run's lease fresh while a long batch (slow HTTP) runs; commits renew it too.
  const heartbeat = setInterval(() => runs.heartbeat(runId, owner), Math.max(200, Math.floor(deps.leaseMs / 3)));
  heartbeat.unref();

  let fileInput = ingest.openTriggers(runId).size > 0;
  let processed = run.processed;
  let dead = run.dead;
  let notIngested = runs.notYetIngested(runId);
  // The host's log lines leave without secrets, like everything the engine stores.
  const log = (nodeId: string, level: LogEntry['level'], message: string, data?: unknown): void => {
    if (!deps.onLog) return;
    const line: { runId: string; nodeId: string; level: LogEntry['level']; message: string; data?: unknown } = { runId, nodeId, level, message: deps.redaction.text(message) };
    if (data !== undefined) line.data = deps.redaction.value(data);
    deps.onLog(line);
  };
  const progress = (): void => {
    options.onProgress?.({ runId, received: run.received, processed, pending: depths.total() + notIngested, dead });
  };

  try {
    while (!stop.signal.aborted) {
      const now = Date.now();
      const work = nextWork(now);
      if (!work) {
        if (depths.total() === 0 && !fileInput) {
          // The in-memory view says done: confirm against the database before finishing.
          const left = queue.countByNode(runId);
          if (left.size === 0) break;
          for (const [nodeId, count] of left) depths.add(nodeId, count - depths.of(nodeId));
          continue;
        }
        const due = Math.min(...[...wakeAt.values()].filter((at) => at > now), now + MAX_IDLE_MS);
        await sleep(Math.max(1, Math.min(due - now, MAX_IDLE_MS)), undefined, { signal: stop.signal }).catch(() => undefined);
        continue;
      }

      const { node, batch, chunk } = work;
      const outcomes = await executeBatch(batch, {
        runId, runKind: run.kind, flowVersion: run.flow_version, plan, node, mapping: deps.mapping, signal: stop.signal,
        credentials: deps.credentials, redaction: deps.redaction, onLog: (nodeId: string, entry: LogEntry) => log(nodeId, entry.level, entry.message, entry.data),
      });
      const result: CommitResult = committer.commit(
        { runId, runKind: run.kind, flowVersion: run.flow_version, plan, owner, stopping: stop.signal.aborted },
        outcomes,
        chunk ? () => ingest.advance(chunk) : undefined,
      );
      if (chunk) {
        notIngested -= chunk.messages.length;
        if (chunk.finished) fileInput = ingest.openTriggers(runId).size > 0;
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

  function nextWork(now: number): Work | undefined {
    for (const node of plan.drainOrder) {
      const id = node.node.id;
      if (depths.of(id) <= 0) continue;
      const wake = wakeAt.get(id);
      if (wake !== undefined) {
        if (wake > now) continue;
        wakeAt.delete(id);
      }
      if (depths.isBlocked(node)) continue;
      const batch = queue.claim(runId, id, Math.max(1, Math.min(deps.batchSize, depths.batchRoom(node))));
      if (batch.length > 0) return { node, batch };
      // Everything queued here is backing off: look again when the first is due.
      wakeAt.set(id, queue.nextAvailableAt(runId, id) ?? now + MAX_IDLE_MS);
    }
    if (!fileInput) return undefined;
    // Queues first, then new input: the file is read only as fast as the flow drains.
    const chunk = ingest.readChunk(runId, (triggerId) => {
      const trigger = plan.nodes.get(triggerId);
      if (!trigger || depths.isBlocked(trigger)) return 0;
      return Math.min(deps.batchSize, depths.batchRoom(trigger));
    });
    if (!chunk) return undefined;
    if (chunk.messages.length === 0 && chunk.finished) {
      // Only blank lines were left: record the end of the input.
      committer.commit({ runId, runKind: run.kind, flowVersion: run.flow_version, plan, owner, stopping: false }, [], () => ingest.advance(chunk));
      fileInput = ingest.openTriggers(runId).size > 0;
      return nextWork(now);
    }
    return { node: plan.nodes.get(chunk.triggerId) as PlannedNode, batch: chunk.messages, chunk };
  }
}
