// What one committed batch did, per node, read from the StepBatch the engine hands its store (see
// ./observed-store.ts): the counts behind /metrics' per-node counters and the step durations behind its
// histogram. Pure and cheap — a pass over the rows the store writes anyway — so counting costs the
// engine nothing it would notice.
//
// How the rows map to the metrics (main/engine/commit.ts builds them):
//   in      a node's first attempt at a message (a retry is the same message again; a timer firing is not one)
//   out     messages a node handed on: queued for a downstream node, run in memory by the next node (a fused
//           step, recorded in the same unit), or recorded as a terminal node's output; a message emitted on a
//           port with no edge (a filter's unconnected `rejected`) stops there and is not counted
//   failed  a step that failed for good: dead-lettered or routed to the node's `error` edge, not retried
//   steps   every attempt's duration
import type { CommitUnit, StepBatch } from '../../engine/store/types.js';

export interface NodeTally {
  in: number;
  out: number;
  failed: number;
  /** Seconds, one per step (every attempt). */
  durations: number[];
  /** Messages queued at this node by the batch, and inputs the batch took off its queue. */
  queued: number;
  removed: number;
}

/** A child message id is its parent's plus `/<edge index>` (and `.<n>` after the first emission): main/engine/ids.ts. */
const CHILD_SUFFIX = /\/\d+(?:\.\d+)?$/;

export function parentOf(messageId: string): string | undefined {
  const match = CHILD_SUFFIX.exec(messageId);
  return match ? messageId.slice(0, match.index) : undefined;
}

/** Per node: what the batch's applied units (those not in `skipped`) did. */
export function tallyBatch(batch: StepBatch, skipped: ReadonlyArray<number>): Map<string, NodeTally> {
  const tallies = new Map<string, NodeTally>();
  const skip = skipped.length === 0 ? undefined : new Set(skipped);
  batch.units.forEach((unit, index) => {
    if (!skip?.has(index)) tallyUnit(batch.runId, unit, tallies);
  });
  return tallies;
}

function tallyOf(tallies: Map<string, NodeTally>, nodeId: string): NodeTally {
  let tally = tallies.get(nodeId);
  if (!tally) {
    tally = { in: 0, out: 0, failed: 0, durations: [], queued: 0, removed: 0 };
    tallies.set(nodeId, tally);
  }
  return tally;
}

function tallyUnit(runId: string, unit: CommitUnit, tallies: Map<string, NodeTally>): void {
  const steps = unit.steps ?? [];
  // The claimed input's step is recorded last, after the steps fused behind it.
  const root = steps[steps.length - 1];
  const stepNode = new Map<string, { nodeId: string; failed: boolean }>();
  for (const step of steps) stepNode.set(step.messageId, { nodeId: step.nodeId, failed: step.error !== null });

  const requeued = new Set<string>();
  for (const message of unit.enqueue ?? []) {
    tallyOf(tallies, message.nodeId).queued += 1;
    if (message.timer === true) continue;
    if (stepNode.has(message.id)) {
      requeued.add(message.id); // A fused step that failed transiently waits in the queue for its retry.
      continue;
    }
    handedOn(message.id, stepNode, tallies);
  }
  for (const output of unit.outputs ?? []) tallyOf(tallies, output.nodeId).out += 1;

  const timerPrefix = `${runId}/timer/`;
  for (const step of steps) {
    const tally = tallyOf(tallies, step.nodeId);
    tally.durations.push(step.durationMs / 1000);
    if (step.attempt === 1 && !step.messageId.startsWith(timerPrefix)) tally.in += 1;
    const retried = step === root ? unit.retry !== undefined : requeued.has(step.messageId);
    if (step.error !== null && !retried) tally.failed += 1;
    if (step !== root) handedOn(step.messageId, stepNode, tallies);
  }
  if (unit.seq !== undefined && unit.retry === undefined && root) tallyOf(tallies, root.nodeId).removed += 1;
}

/** Counts `messageId` as an output of the step that emitted it, unless that step failed (then it is the error edge's copy). */
function handedOn(messageId: string, stepNode: Map<string, { nodeId: string; failed: boolean }>, tallies: Map<string, NodeTally>): void {
  const parent = parentOf(messageId);
  const from = parent === undefined ? undefined : stepNode.get(parent);
  if (from && !from.failed) tallyOf(tallies, from.nodeId).out += 1;
}
