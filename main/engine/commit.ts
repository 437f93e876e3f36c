// The transactional hand-off (DESIGN.md §4), decided here and applied by the store in ONE transaction
// per batch — and only while this drive still holds the run's lease: each handled input is removed,
// the steps fused after it are recorded, outputs are queued for every edge not run in memory, terminal
// outputs are recorded, failures are retried later, routed to the `error` edge or dead-lettered, node
// state is written, and the trace and log rows are written. A crash before the commit leaves the
// inputs queued as they were and nothing else; after it, everything moved exactly once.
//
// A message emitted on a port without an edge stops there (a filter's unconnected `rejected`, say);
// only a terminal node (no outgoing edges at all) records what it emits as the run's output.
//
// Payloads (queued messages, outputs, dead letters) are stored exactly as the flow produced them: the
// state database is the data, and a replay sends what the failed step received. Only what is meant to be
// read by people — trace rows, logs, error texts and attempt histories — is redacted as it is written
// (./redaction.ts); payloads are redacted where they are shown.
import type { BatchOutcome, StepOutcome } from './execute-batch.js';
import type { ChainOutcome } from './fused-chain.js';
import { childId, newDeadLetterId } from './ids.js';
import type { Redaction } from './redaction.js';
import { backoffDelayMs } from './retry.js';
import { isOutputPort, type RunPlan } from './run-plan.js';
import { logRow } from './run-logs.js';
import type { CommitUnit, EngineStore, InputAdvance, NewMessage, StepBatch } from './store/types.js';
import { traceRow, traceRowBytes } from './traces.js';
import type { AttemptRecord, RunKind } from './types.js';

export interface CommitTarget {
  runId: string;
  runKind: RunKind;
  flowVersion: number;
  plan: RunPlan;
  owner: string;
  /** Set when the drive is stopping: a failed input stays queued as it was instead of being counted. */
  stopping: boolean;
  /** The batch's exclusive-claim key (store/types.ts ClaimRequest.exclusive), carried to the store's commit. */
  exclusive?: string;
}

/** Where the walk of one step's emissions stands (BatchCommitter.addStep). */
interface StepWalk {
  step: StepOutcome;
  emission: number;
  hop: number;
  timersQueued?: boolean;
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

/** What one unit does to the scheduler's counts besides what the unit itself holds; only counted if the store applied the unit. */
interface UnitTally {
  removed: number;
  retried: number;
  /** Made on the first notice: most units have none. */
  notices?: CommitResult['notices'];
}

/** The unit of a message that ran down a fused chain: its steps succeeded, their rows are made. */
function chainUnit(outcome: ChainOutcome): CommitUnit {
  const unit: CommitUnit = { processed: outcome.steps.length, dead: 0, storedBytes: 0, steps: outcome.steps };
  if (outcome.seq !== undefined) unit.seq = outcome.seq;
  for (const row of outcome.steps) unit.storedBytes += traceRowBytes(row);
  if (outcome.output !== undefined) {
    unit.outputs = [outcome.output];
    unit.storedBytes += outcome.output.payload.length;
  }
  return unit;
}

export class BatchCommitter {
  constructor(
    private readonly store: EngineStore,
    /** Everything stored passes through it: no secret reaches the state database. */
    private readonly redaction: Redaction,
  ) {}

  async commit(target: CommitTarget, outcomes: BatchOutcome[], inputAdvance?: InputAdvance): Promise<CommitResult> {
    const units: CommitUnit[] = [];
    const tallies: UnitTally[] = [];
    for (const outcome of outcomes) {
      if ('chain' in outcome) {
        units.push(chainUnit(outcome));
        tallies.push({ removed: outcome.seq === undefined ? 0 : 1, retried: 0 });
        continue;
      }
      if (outcome.seq !== undefined && outcome.failure && target.stopping) continue; // Stopped mid-step: not the message's fault.
      const unit: CommitUnit = { processed: 0, dead: 0, storedBytes: 0 };
      const tally: UnitTally = { removed: 0, retried: 0 };
      if (outcome.seq !== undefined) {
        unit.seq = outcome.seq;
        if (!(outcome.failure && this.shouldRetry(outcome))) tally.removed = 1;
      }
      this.addStep(target, outcome, outcome.seq !== undefined, unit, tally);
      units.push(unit);
      tallies.push(tally);
    }
    const batch: StepBatch = { runId: target.runId, owner: target.owner, units };
    if (inputAdvance) batch.inputAdvance = inputAdvance;
    if (target.exclusive !== undefined) batch.exclusive = target.exclusive;
    const { skipped } = await this.store.queue.commit(batch);
    const skip = new Set(skipped);
    const result: CommitResult = { queued: new Map(), removed: 0, processed: 0, dead: 0, retried: 0, notices: [] };
    units.forEach((unit, index) => {
      if (skip.has(index)) return;
      const tally = tallies[index] as UnitTally;
      result.removed += tally.removed;
      result.processed += unit.processed;
      result.dead += unit.dead;
      result.retried += tally.retried;
      if (tally.notices) result.notices.push(...tally.notices);
      if (unit.enqueue) for (const message of unit.enqueue) result.queued.set(message.nodeId, (result.queued.get(message.nodeId) ?? 0) + 1);
    });
    return result;
  }

  private shouldRetry(step: StepOutcome): boolean {
    return step.failure?.transient === true && step.attempt < step.node.retry.maxAttempts;
  }

  /** Records one step (and, recursively, the steps fused after it) into the unit. */
  /**
   * Records one step and every step fused after it. A walk with its own stack, not recursion: a chain
   * of pure nodes runs fused in one batch however long it is (100,000 nodes and more), and the order
   * stays that of a depth-first walk — a step's hops in order, each fused step whole before the next
   * hop, and a step's logs and trace row after those of the steps fused after it.
   */
  private addStep(target: CommitTarget, root: StepOutcome, claimed: boolean, unit: CommitUnit, tally: UnitTally): void {
    const stack: StepWalk[] = [this.enterStep(target, root, claimed, unit, tally)];
    while (stack.length > 0) {
      const walk = stack[stack.length - 1]!;
      const fused = this.nextFusedStep(target, walk, unit);
      if (fused) stack.push(this.enterStep(target, fused, false, unit, tally));
      else {
        stack.pop();
        this.leaveStep(walk.step, unit);
      }
    }
  }

  private enterStep(target: CommitTarget, step: StepOutcome, claimed: boolean, unit: CommitUnit, tally: UnitTally): StepWalk {
    if (step.emissions) {
      unit.processed += 1;
      if (step.state && step.state.length > 0) (unit.state ??= []).push(...step.state);
    } else if (step.failure) {
      this.addFailure(target, step, claimed, unit, tally);
    }
    return { step, emission: 0, hop: 0 };
  }

  /** Queues the step's hops up to the next one that ran fused (returned), recording its outputs on the way. */
  private nextFusedStep(target: CommitTarget, walk: StepWalk, unit: CommitUnit): StepOutcome | undefined {
    const { step } = walk;
    const { runId } = target;
    const nodeId = step.node.node.id;
    const emissions = step.emissions ?? [];
    while (walk.emission < emissions.length) {
      const emission = emissions[walk.emission]!;
      while (walk.hop < emission.hops.length) {
        const hop = emission.hops[walk.hop]!;
        walk.hop += 1;
        if (hop.step) return hop.step;
        const message: NewMessage = { id: hop.id, runId, nodeId: hop.edge.nodeId, payload: emission.payload.text, idempotencyKey: hop.idempotencyKey };
        if (emission.availableAt !== undefined) message.availableAt = emission.availableAt;
        this.enqueue(unit, message);
      }
      walk.emission += 1;
      walk.hop = 0;
      if (!isOutputPort(emission.port)) continue;
      if (step.node.isTerminal) {
        const payload = emission.payload.text;
        (unit.outputs ??= []).push({ nodeId, payload });
        unit.storedBytes += payload.length;
      }
      if (target.runKind === 'test') {
        const payload = emission.payload.text;
        (unit.emissions ??= []).push({ nodeId, payload });
        unit.storedBytes += payload.length;
      }
    }
    if (step.emissions && !walk.timersQueued) {
      walk.timersQueued = true;
      for (const timer of step.timers ?? []) {
        this.enqueue(unit, {
          id: `${runId}/timer/${nodeId}/${timer.key}`, runId, nodeId, payload: JSON.stringify({ key: timer.key, at: timer.at }), idempotencyKey: `${runId}/timer/${nodeId}/${timer.key}`,
          availableAt: timer.at, timer: true,
        });
      }
    }
    return undefined;
  }

  private leaveStep(step: StepOutcome, unit: CommitUnit): void {
    const nodeId = step.node.node.id;
    for (const line of step.logs) this.addLog(unit, logRow(nodeId, line, this.redaction));
    const row = traceRow(step, this.redaction);
    (unit.steps ??= []).push(row);
    unit.storedBytes += traceRowBytes(row);
  }

  private addFailure(target: CommitTarget, step: StepOutcome, claimed: boolean, unit: CommitUnit, tally: UnitTally): void {
    const { runId, plan } = target;
    const failure = step.failure!;
    const nodeId = step.node.node.id;
    const record: AttemptRecord = {
      attempt: step.attempt, at: new Date(step.startedAt).toISOString(), error: { ...failure.error, transient: failure.transient }, durationMs: Math.round(step.durationMs),
    };
    const history = [...(step.attemptsJson ? (JSON.parse(step.attemptsJson) as AttemptRecord[]) : []), record];

    if (this.shouldRetry(step)) {
      const delay = backoffDelayMs(step.node.retry, step.attempt, failure.retryAfterMs);
      const attemptsJson = this.redaction.json(JSON.stringify(history));
      if (claimed) unit.retry = { attempt: step.attempt + 1, availableAt: Date.now() + delay, attemptsJson };
      else {
        // A fused step (or one read from a file) failed transiently: from now on it waits in the queue.
        this.enqueue(unit, {
          id: step.messageId, runId, nodeId, payload: step.input.text, idempotencyKey: step.idempotencyKey,
          attempt: step.attempt + 1, availableAt: Date.now() + delay, attemptsJson, timer: step.timer === true,
        });
      }
      tally.retried += 1;
      const notice = `message ${step.messageId} failed (attempt ${step.attempt} of ${step.node.retry.maxAttempts}): ${failure.error.message}; retrying in ${delay} ms`;
      (tally.notices ??= []).push({ nodeId, level: 'debug', message: notice });
      this.addLog(unit, logRow(nodeId, { at: new Date().toISOString(), level: 'debug', message: notice }, this.redaction));
      return;
    }

    unit.processed += 1;
    const errorTargets = step.node.targets.get('error') ?? [];
    if (errorTargets.length > 0) {
      const text = `{"error":${JSON.stringify(failure.error)},"payload":${step.input.text}}`;
      for (const edge of errorTargets) {
        this.enqueue(unit, {
          id: childId(step.messageId, edge.edgeIndex, 0), runId, nodeId: edge.nodeId, payload: text, idempotencyKey: childId(step.idempotencyKey, edge.edgeIndex, 0),
        });
      }
      return;
    }
    (unit.deadLetters ??= []).push({
      id: newDeadLetterId(), runId, flowId: plan.flow.id, flowVersion: target.flowVersion, nodeId, messageId: step.messageId, idempotencyKey: step.idempotencyKey,
      payload: step.input.text, error: this.redaction.json(JSON.stringify(failure.error)), history: this.redaction.json(JSON.stringify(history)),
      attempts: history.length,
    });
    unit.dead += 1;
    const notice = `message ${step.messageId} failed for good after ${history.length} attempt${history.length === 1 ? '' : 's'} and went to the dead-letter queue: ${failure.error.code} ${failure.error.message}`;
    (tally.notices ??= []).push({ nodeId, level: 'warn', message: notice });
    this.addLog(unit, logRow(nodeId, { at: new Date().toISOString(), level: 'warn', message: notice }, this.redaction));
  }

  private enqueue(unit: CommitUnit, message: NewMessage): void {
    (unit.enqueue ??= []).push(message);
  }

  private addLog(unit: CommitUnit, row: { row: NonNullable<CommitUnit['logs']>[number]; bytes: number }): void {
    (unit.logs ??= []).push(row.row);
    unit.storedBytes += row.bytes;
  }
}
