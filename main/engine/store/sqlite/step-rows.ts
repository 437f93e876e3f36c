// Writes a commit's trace rows. Steps that kept payloads get a row each; steps that kept only counts
// and timings (trace mode `errors`/`sampled`) share one compact row per node and commit, so `errors`
// mode costs a row per node and batch rather than one per step. Rows go out in multi-row INSERTs.
//
// A compact row's `compact` text is, since 2026-12, `{"p":prefix,"t":firstStartedAt,"s":[suffix, attempt,
// startedAt − t, durationMs, …]}`: the steps of one batch share their message ids' long prefix (the run
// id and input) and nearly their start time, so each step costs about 20 characters instead of 50 — the
// largest part of a sampled run's state database. Rows written before hold an array of
// `[messageId, attempt, startedAt, durationMs]`; both are read (compactSteps). The PostgreSQL store
// builds its compact rows in SQL, in the older form, and reads them with the same function.
import type { StepRow } from '../types.js';
import type { StateDatabase } from './database.js';

export type CompactStep = [messageId: string, attempt: number, startedAt: number, durationMs: number];

/** One node's counts-only steps of a commit, gathered flat until its row is written. */
interface CompactGroup {
  nodeId: string;
  ids: string[];
  /** attempt, startedAt, durationMs per step. */
  numbers: number[];
}

/** Step rows per multi-row INSERT: one statement call instead of one per step. */
const ROWS_PER_INSERT = 64;
const STEP_COLUMNS = 10;

export class StepRowWriter {
  private readonly insertOne;
  private readonly insertMany;
  private readonly pending: Array<string | number | null> = [];
  private readonly compact = new Map<string, CompactGroup>();

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
      if (!group) this.compact.set(step.nodeId, (group = { nodeId: step.nodeId, ids: [], numbers: [] }));
      group.ids.push(step.messageId);
      group.numbers.push(step.attempt, step.startedAt, Math.round(step.durationMs * 1000) / 1000);
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
    for (const { nodeId, ids, numbers } of this.compact.values()) {
      const messageId = ids[0] as string;
      const startedAt = numbers[1] as number;
      this.pending.push(runId, nodeId, messageId, numbers[0] as number, startedAt, numbers[2] as number, null, null, null, compactText(ids, numbers));
    }
    this.compact.clear();
  }
}

/** The `compact` text of a group of steps (the form described at the top of this file). */
function compactText(ids: string[], numbers: number[]): string {
  const first = ids[0] as string;
  let shared = first.length;
  for (let i = 1; i < ids.length && shared > 0; i++) {
    const id = ids[i] as string;
    let same = 0;
    const most = Math.min(shared, id.length);
    while (same < most && id.charCodeAt(same) === first.charCodeAt(same)) same += 1;
    shared = same;
  }
  const base = numbers[1] as number;
  let steps = '';
  for (let i = 0; i < ids.length; i++) {
    const at = i * 3;
    steps += `${i === 0 ? '' : ','}${jsonString((ids[i] as string).slice(shared))},${numbers[at] as number},${(numbers[at + 1] as number) - base},${numbers[at + 2] as number}`;
  }
  return `{"p":${JSON.stringify(first.slice(0, shared))},"t":${base},"s":[${steps}]}`;
}

/** A string as JSON; quoted as it is when nothing in it needs escaping (ids almost never do). */
function jsonString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** The steps a compact row holds, in the order they were committed; either stored form. */
export function compactSteps(compact: string): CompactStep[] {
  const parsed = JSON.parse(compact) as CompactStep[] | { p: string; t: number; s: Array<string | number> };
  if (Array.isArray(parsed)) return parsed;
  const { p: prefix, t: base, s: flat } = parsed;
  const steps = new Array<CompactStep>(flat.length / 4);
  for (let i = 0; i < steps.length; i++) {
    const at = i * 4;
    steps[i] = [prefix + (flat[at] as string), flat[at + 1] as number, base + (flat[at + 2] as number), flat[at + 3] as number];
  }
  return steps;
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
    for (const [messageId, attempt, startedAt, durationMs] of compactSteps(row.compact)) {
      out.push({ ...row, message_id: messageId, attempt, started_at: startedAt, duration_ms: durationMs, compact: null });
    }
  }
  return out.length > limit ? out.slice(0, limit) : out;
}
