// The transactional hand-off (DESIGN.md §4): in ONE transaction per batch — and only while this drive
// still holds the run's lease — each handled input is removed, its outputs are queued for every edge
// of the port it left by, terminal outputs are recorded, failures are retried later, routed to the
// `error` edge or dead-lettered, and the trace and log rows are written. A crash before the commit
// leaves the inputs queued as they were and nothing else; after it, everything moved exactly once.
//
// A message emitted on a port without an edge stops there (a filter's unconnected `rejected`, say);
// only a terminal node (no outgoing edges at all) records what it emits as the run's output.
import { PipewrightError, type ErrorData } from '../../shared/errors.js';
import type { DeadLetterStore } from './dead-letters.js';
import type { StepOutcome } from './execute-batch.js';
import { childId, newDeadLetterId } from './ids.js';
import type { MessageQueue } from './queue.js';
import { backoffDelayMs } from './retry.js';
import { isOutputPort, type PlannedNode, type RunPlan } from './run-plan.js';
import type { RunLogs } from './run-logs.js';
import type { RunRecords } from './run-records.js';
import type { StateDatabase } from './store/database.js';
import { keepsPayloads, type TraceStore } from './traces.js';
import type { AttemptRecord, RunKind } from './types.js';

export interface CommitTarget {
  runId: string;
  runKind: RunKind;
  flowVersion: number;
  plan: RunPlan;
  node: PlannedNode;
  owner: string;
  /** Set when the drive is stopping: failures are released for a later attempt instead of counted. */
  stopping: boolean;
}

export interface CommitResult {
  /** Messages queued per node by this commit. */
  queued: Map<string, number>;
  /** Inputs that left the node's queue (done, routed or dead). */
  removed: number;
  processed: number;
  dead: number;
  retried: number;
  /** Engine notices written to the run log (retries, dead letters), for the host's onLog. */
  notices: Array<{ nodeId: string; level: 'debug' | 'warn'; message: string }>;
}

export class BatchCommitter {
  private readonly insertOutput;
  private readonly insertEmission;

  constructor(
    private readonly db: StateDatabase,
    private readonly queue: MessageQueue,
    private readonly traces: TraceStore,
    private readonly logs: RunLogs,
    private readonly deadLetters: DeadLetterStore,
    private readonly runs: RunRecords,
  ) {
    this.insertOutput = db.prepare<[string, string, string]>('INSERT INTO run_outputs (run_id, node_id, payload) VALUES (?, ?, ?)');
    this.insertEmission = db.prepare<[string, string, string]>('INSERT INTO emissions (run_id, node_id, payload) VALUES (?, ?, ?)');
  }

  commit(target: CommitTarget, outcomes: StepOutcome[]): CommitResult {
    const result: CommitResult = { queued: new Map(), removed: 0, processed: 0, dead: 0, retried: 0, notices: [] };
    this.db.transaction(() => {
      // The run's lease: if another process took the run over (we were presumed dead), move nothing.
      if (this.runs.ownerOf(target.runId) !== target.owner) {
        throw new PipewrightError('RUN_TAKEN_OVER', `run ${target.runId} was taken over by another process; this one stops driving it`);
      }
      let stored = 0;
      for (const outcome of outcomes) stored += this.commitOne(target, outcome, result);
      this.runs.addCounts(target.runId, result.processed, result.dead, stored);
    })();
    return result;
  }

  private commitOne(target: CommitTarget, outcome: StepOutcome, result: CommitResult): number {
    const { message } = outcome;
    const { runId, node, plan } = target;
    const nodeId = node.node.id;
    let stored = 0;

    if (outcome.failure && target.stopping) {
      // Stopped mid-step (SIGINT/SIGTERM): not the message's fault, so it stays queued as it was.
      return 0;
    }

    if (outcome.emissions) {
      if (!this.queue.finish(message.seq)) return 0;
      outcome.emissions.forEach((emission, index) => {
        for (const edge of node.targets.get(emission.port) ?? []) {
          this.queue.insert(childId(message.id, edge.edgeIndex, index), runId, edge.nodeId, emission.text, childId(message.idempotencyKey, edge.edgeIndex, index));
          result.queued.set(edge.nodeId, (result.queued.get(edge.nodeId) ?? 0) + 1);
        }
        if (!isOutputPort(emission.port)) return;
        if (node.isTerminal) {
          this.insertOutput.run(runId, nodeId, emission.text);
          stored += emission.text.length;
        }
        if (target.runKind === 'test') {
          this.insertEmission.run(runId, nodeId, emission.text);
          stored += emission.text.length;
        }
      });
      result.removed += 1;
      result.processed += 1;
    } else if (outcome.failure) {
      const { failure } = outcome;
      const record: AttemptRecord = {
        attempt: message.attempt, at: new Date(outcome.startedAt).toISOString(),
        error: { ...failure.error, transient: failure.transient }, durationMs: Math.round(outcome.durationMs),
      };
      const history = [...(message.attemptsJson ? (JSON.parse(message.attemptsJson) as AttemptRecord[]) : []), record];
      if (failure.transient && message.attempt < node.retry.maxAttempts) {
        const delay = backoffDelayMs(node.retry, message.attempt, failure.retryAfterMs);
        if (!this.queue.retryLater(message.seq, message.attempt + 1, Date.now() + delay, JSON.stringify(history))) return 0;
        result.retried += 1;
        const notice = `message ${message.id} failed (attempt ${message.attempt} of ${node.retry.maxAttempts}): ${failure.error.message}; retrying in ${delay} ms`;
        result.notices.push({ nodeId, level: 'debug', message: notice });
        stored += this.logs.write(runId, nodeId, { at: new Date().toISOString(), level: 'debug', message: notice });
      } else {
        if (!this.queue.finish(message.seq)) return 0;
        stored += this.failForGood(target, outcome, failure.error, history, result);
        result.removed += 1;
        result.processed += 1;
      }
    }

    for (const line of outcome.logs) stored += this.logs.write(runId, nodeId, line);
    const failed = outcome.failure !== undefined;
    stored += this.traces.write(
      {
        runId, nodeId, messageId: message.id, attempt: message.attempt, startedAt: outcome.startedAt, durationMs: outcome.durationMs,
        input: message.payload,
        ...(outcome.emissions ? { emissions: outcome.emissions } : {}),
        ...(outcome.failure ? { error: outcome.failure.error } : {}),
      },
      keepsPayloads(plan.trace, plan.traceSampleRate, message.id, failed),
    );
    return stored;
  }

  /** Sends a failed message down the node's `error` edge, or to the dead-letter queue. */
  private failForGood(target: CommitTarget, outcome: StepOutcome, error: ErrorData, history: AttemptRecord[], result: CommitResult): number {
    const { message } = outcome;
    const { runId, node, plan } = target;
    const errorTargets = node.targets.get('error') ?? [];
    if (errorTargets.length > 0) {
      const text = `{"error":${JSON.stringify(error)},"payload":${message.payload}}`;
      for (const edge of errorTargets) {
        this.queue.insert(childId(message.id, edge.edgeIndex, 0), runId, edge.nodeId, text, childId(message.idempotencyKey, edge.edgeIndex, 0));
        result.queued.set(edge.nodeId, (result.queued.get(edge.nodeId) ?? 0) + 1);
      }
      return 0;
    }
    this.deadLetters.insert({
      id: newDeadLetterId(), runId, flowId: plan.flow.id, flowVersion: target.flowVersion, nodeId: node.node.id,
      messageId: message.id, idempotencyKey: message.idempotencyKey, payload: message.payload, error, history,
    });
    result.dead += 1;
    const notice = `message ${message.id} failed for good after ${history.length} attempt${history.length === 1 ? '' : 's'} and went to the dead-letter queue: ${error.code} ${error.message}`;
    result.notices.push({ nodeId: node.node.id, level: 'warn', message: notice });
    return this.logs.write(runId, node.node.id, { at: new Date().toISOString(), level: 'warn', message: notice });
  }
}
