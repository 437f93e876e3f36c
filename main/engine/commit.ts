// The transactional hand-off (DESIGN.md §4): in ONE transaction per batch — and only while this drive
// still holds the run's lease — each handled input is removed, the steps fused after it are recorded,
// outputs are queued for every edge not run in memory, terminal outputs are recorded, failures are
// retried later, routed to the `error` edge or dead-lettered, and the trace and log rows are written.
// A crash before the commit leaves the inputs queued as they were and nothing else; after it,
// everything moved exactly once.
//
// A message emitted on a port without an edge stops there (a filter's unconnected `rejected`, say);
// only a terminal node (no outgoing edges at all) records what it emits as the run's output.
import { PipewrightError } from '../../shared/errors.js';
import type { DeadLetterStore } from './dead-letters.js';
import type { RootOutcome, StepOutcome } from './execute-batch.js';
import { childId, newDeadLetterId } from './ids.js';
import type { MessageQueue } from './queue.js';
import { NO_REDACTION, type Redaction } from './redaction.js';
import { backoffDelayMs } from './retry.js';
import { isOutputPort, type RunPlan } from './run-plan.js';
import type { RunLogs } from './run-logs.js';
import type { RunRecords } from './run-records.js';
import type { StateDatabase } from './store/database.js';
import type { TraceStore } from './traces.js';
import type { AttemptRecord, RunKind } from './types.js';

export interface CommitTarget {
  runId: string;
  runKind: RunKind;
  flowVersion: number;
  plan: RunPlan;
  owner: string;
  /** Set when the drive is stopping: a failed input stays queued as it was instead of being counted. */
  stopping: boolean;
}

export interface CommitResult {
  /** Messages queued per node by this commit. */
  queued: Map<string, number>;
  /** Inputs that left the claimed node's queue (done, routed or dead). */
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
    /** Outputs are stored without secrets; the other stores redact their own writes. */
    private readonly redaction: Redaction = NO_REDACTION,
  ) {
    this.insertOutput = db.prepare<[string, string, string]>('INSERT INTO run_outputs (run_id, node_id, payload) VALUES (?, ?, ?)');
    this.insertEmission = db.prepare<[string, string, string]>('INSERT INTO emissions (run_id, node_id, payload) VALUES (?, ?, ?)');
  }

  /** `alsoInTransaction` runs inside the same transaction (a file input's offset moving on). */
  commit(target: CommitTarget, outcomes: RootOutcome[], alsoInTransaction?: () => void): CommitResult {
    const result: CommitResult = { queued: new Map(), removed: 0, processed: 0, dead: 0, retried: 0, notices: [] };
    const apply = this.db.transaction(() => {
      // The run's lease: if another process took the run over (we were presumed dead), move nothing.
      if (this.runs.ownerOf(target.runId) !== target.owner) {
        throw new PipewrightError('RUN_TAKEN_OVER', `run ${target.runId} was taken over by another process; this one stops driving it`);
      }
      let stored = 0;
      for (const outcome of outcomes) {
        if (outcome.seq === undefined) {
          stored += this.commitStep(target, outcome, undefined, result);
          continue;
        }
        if (outcome.failure && target.stopping) continue; // Stopped mid-step: not the message's fault.
        const retrying = outcome.failure !== undefined && this.shouldRetry(outcome);
        if (!retrying) {
          if (!this.queue.finish(outcome.seq)) continue;
          result.removed += 1;
        }
        stored += this.commitStep(target, outcome, outcome.seq, result);
      }
      alsoInTransaction?.();
      this.traces.flush();
      this.runs.addCounts(target.runId, result.processed, result.dead, stored);
    });
    try {
      apply();
    } finally {
      this.traces.discard();
    }
    return result;
  }

  private shouldRetry(step: StepOutcome): boolean {
    return step.failure?.transient === true && step.attempt < step.node.retry.maxAttempts;
  }

  /** Records one step (and, recursively, the steps fused after it); `seq` is set for a claimed input. */
  private commitStep(target: CommitTarget, step: StepOutcome, seq: number | undefined, result: CommitResult): number {
    const { runId } = target;
    const nodeId = step.node.node.id;
    let stored = 0;

    if (step.emissions) {
      result.processed += 1;
      for (const emission of step.emissions) {
        for (const hop of emission.hops) {
          if (hop.step) stored += this.commitStep(target, hop.step, undefined, result);
          else {
            this.queue.insert(hop.id, runId, hop.edge.nodeId, emission.payload.text, hop.idempotencyKey);
            result.queued.set(hop.edge.nodeId, (result.queued.get(hop.edge.nodeId) ?? 0) + 1);
          }
        }
        if (!isOutputPort(emission.port)) continue;
        if (step.node.isTerminal) {
          this.insertOutput.run(runId, nodeId, this.redaction.json(emission.payload.text));
          stored += emission.payload.text.length;
        }
        if (target.runKind === 'test') {
          this.insertEmission.run(runId, nodeId, this.redaction.json(emission.payload.text));
          stored += emission.payload.text.length;
        }
      }
    } else if (step.failure) {
      stored += this.commitFailure(target, step, seq, result);
    }

    for (const line of step.logs) stored += this.logs.write(runId, nodeId, line);
    stored += this.traces.write(
      { runId, nodeId, messageId: step.messageId, attempt: step.attempt, startedAt: step.startedAt, durationMs: step.durationMs },
      step.tracePayloads ? step.input.text : null,
      step.tracePayloads && step.emissions ? step.emissions.map((e) => ({ port: e.port, text: e.payload.text })) : null,
      step.failure?.error ?? null,
    );
    return stored;
  }

  private commitFailure(target: CommitTarget, step: StepOutcome, seq: number | undefined, result: CommitResult): number {
    const { runId, plan } = target;
    const failure = step.failure!;
    const nodeId = step.node.node.id;
    const record: AttemptRecord = {
      attempt: step.attempt, at: new Date(step.startedAt).toISOString(), error: { ...failure.error, transient: failure.transient }, durationMs: Math.round(step.durationMs),
    };
    const history = [...(step.attemptsJson ? (JSON.parse(step.attemptsJson) as AttemptRecord[]) : []), record];

    if (this.shouldRetry(step)) {
      const delay = backoffDelayMs(step.node.retry, step.attempt, failure.retryAfterMs);
      if (seq !== undefined) this.queue.retryLater(seq, step.attempt + 1, Date.now() + delay, JSON.stringify(history));
      else {
        // A fused step (or one read from a file) failed transiently: from now on it waits in the queue.
        this.queue.insertForRetry(step.messageId, runId, nodeId, step.input.text, step.idempotencyKey, step.attempt + 1, Date.now() + delay, JSON.stringify(history));
        result.queued.set(nodeId, (result.queued.get(nodeId) ?? 0) + 1);
      }
      result.retried += 1;
      const notice = `message ${step.messageId} failed (attempt ${step.attempt} of ${step.node.retry.maxAttempts}): ${failure.error.message}; retrying in ${delay} ms`;
      result.notices.push({ nodeId, level: 'debug', message: notice });
      return this.logs.write(runId, nodeId, { at: new Date().toISOString(), level: 'debug', message: notice });
    }

    result.processed += 1;
    const errorTargets = step.node.targets.get('error') ?? [];
    if (errorTargets.length > 0) {
      const text = `{"error":${JSON.stringify(failure.error)},"payload":${step.input.text}}`;
      for (const edge of errorTargets) {
        this.queue.insert(childId(step.messageId, edge.edgeIndex, 0), runId, edge.nodeId, text, childId(step.idempotencyKey, edge.edgeIndex, 0));
        result.queued.set(edge.nodeId, (result.queued.get(edge.nodeId) ?? 0) + 1);
      }
      return 0;
    }
    this.deadLetters.insert({
      id: newDeadLetterId(), runId, flowId: plan.flow.id, flowVersion: target.flowVersion, nodeId,
      messageId: step.messageId, idempotencyKey: step.idempotencyKey, payload: step.input.text, error: failure.error, history,
    });
    result.dead += 1;
    const notice = `message ${step.messageId} failed for good after ${history.length} attempt${history.length === 1 ? '' : 's'} and went to the dead-letter queue: ${failure.error.code} ${failure.error.message}`;
    result.notices.push({ nodeId, level: 'warn', message: notice });
    return this.logs.write(runId, nodeId, { at: new Date().toISOString(), level: 'warn', message: notice });
  }
}
