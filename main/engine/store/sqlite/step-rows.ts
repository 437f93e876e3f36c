// Writes a commit's trace rows. Steps that kept payloads get a row each; steps that kept only counts
// and timings (trace mode `errors`/`sampled`) share one compact row per node and commit, so `errors`
// mode costs a row per node and batch rather than one per step. Rows go out in multi-row INSERTs.
import type { StepRow } from '../types.js';
import type { StateDatabase } from './database.js';

type CompactStep = [messageId: string, attempt: number, startedAt: number, durationMs: number];

/** Step rows per multi-row INSERT: one statement call instead of one per step. */
const ROWS_PER_INSERT = 64;
const STEP_COLUMNS = 10;

export class StepRowWriter {
  private readonly insertOne;
  private readonly insertMany;
  private readonly pending: Array<string | number | null> = [];
  private readonly compact = new Map<string, { nodeId: string; steps: CompactStep[] }>();

  constructor(db: StateDatabase) {
    const insert = 'INSERT INTO steps (run_id, node_id, message_id, attempt, started_at, duration_ms, input, outputs, error, compact) VALUES ';
    const row = `(${Array.from({ length: STEP_COLUMNS }, () => '?').join(', ')})`;
    this.insertOne = db.prepare(insert + row);
    this.insertMany = db.prepare(insert + Array.from({ length: ROWS_PER_INSERT }, () => row).join(', '));
  }

  /** Buffers one step of `runId`; `flush` writes the buffer inside the same transaction. */
  add(runId: string, step: StepRow): void {
    if (step.input === null && step.outputs === null && step.error === null) {
      let group = this.compact.get(step.nodeId);
      if (!group) this.compact.set(step.nodeId, (group = { nodeId: step.nodeId, steps: [] }));
      group.steps.push([step.messageId, step.attempt, step.startedAt, Math.round(step.durationMs * 1000) / 1000]);
      return;
    }
    // Compact rows gathered so far go first, so rows keep the order the steps were committed in.
    if (this.compact.size > 0) this.closeCompactRows(runId);
    this.pending.push(runId, step.nodeId, step.messageId, step.attempt, step.startedAt, step.durationMs, step.input, step.outputs, step.error, null);
    if (this.pending.length >= ROWS_PER_INSERT * STEP_COLUMNS) this.writePending();
  }

  flush(runId: string): void {
    this.closeCompactRows(runId);
    this.writePending();
  }

  /** Drops what a rolled-back transaction buffered. */
  discard(): void {
    this.pending.length = 0;
    this.compact.clear();
  }

  private writePending(): void {
    const values = this.pending;
    let at = 0;
    for (; at + ROWS_PER_INSERT * STEP_COLUMNS <= values.length; at += ROWS_PER_INSERT * STEP_COLUMNS) {
      this.insertMany.run(values.slice(at, at + ROWS_PER_INSERT * STEP_COLUMNS));
    }
    for (; at < values.length; at += STEP_COLUMNS) this.insertOne.run(values.slice(at, at + STEP_COLUMNS));
    values.length = 0;
  }

  private closeCompactRows(runId: string): void {
    for (const { nodeId, steps } of this.compact.values()) {
      const [messageId, attempt, startedAt, durationMs] = steps[0] as CompactStep;
      this.pending.push(runId, nodeId, messageId, attempt, startedAt, durationMs, null, null, null, JSON.stringify(steps));
    }
    this.compact.clear();
  }
}

/** Expands stored rows (compact ones into their steps), in order. */
export function expandStepRows<Row extends { message_id: string; attempt: number; started_at: number; duration_ms: number; compact: string | null }>(
  rows: Row[],
  limit: number,
): Array<Row & { compact: null }> {
  const out: Array<Row & { compact: null }> = [];
  for (const row of rows) {
    if (row.compact === null) {
      out.push(row as Row & { compact: null });
      continue;
    }
    for (const [messageId, attempt, startedAt, durationMs] of JSON.parse(row.compact) as CompactStep[]) {
      out.push({ ...row, message_id: messageId, attempt, started_at: startedAt, duration_ms: durationMs, compact: null });
    }
  }
  return out.length > limit ? out.slice(0, limit) : out;
}
