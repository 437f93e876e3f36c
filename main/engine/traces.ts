// Step traces (DESIGN.md §4 "Traces and retention"): every step's timing and attempt, and the
// input, outputs and error as the flow's trace mode asks (steps that keep no payloads share compact
// rows, so `errors` mode costs one row per node and batch rather than one per step) — `full` keeps payloads (capped at 64 KiB
// each), `errors` only where the step failed, `sampled` for a share of messages and every failure.
// Test runs also keep every emitted payload uncapped for `pipewright test` to compare.
import type { ErrorData } from '../../shared/errors.js';
import type { TraceMode } from '../../shared/flow/schema.js';
import { cappedText, TRACE_PAYLOAD_CAP } from './json-text.js';
import { NO_REDACTION, type Redaction } from './redaction.js';
import { isOutputPort } from './run-plan.js';
import type { StateDatabase } from './store/database.js';
import type { Emission, StepTrace } from './types.js';

interface StepRow {
  run_id: string;
  node_id: string;
  message_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  input: string | null;
  outputs: string | null;
  error: string | null;
  compact: string | null;
}

type CompactStep = [messageId: string, attempt: number, startedAt: number, durationMs: number];

export interface StepRecord {
  runId: string;
  nodeId: string;
  messageId: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
}

export function keepsPayloads(mode: TraceMode, sampleRate: number, messageId: string, failed: boolean): boolean {
  if (failed || mode === 'full') return true;
  if (mode === 'errors') return false;
  return sampleOf(messageId) < sampleRate;
}

/** A stable number in [0, 1) from the message id, so a message is sampled at every step or none. */
function sampleOf(messageId: string): number {
  let hash = 2166136261;
  const root = messageId.split('/')[0] ?? messageId;
  for (let i = 0; i < root.length; i++) hash = Math.imul(hash ^ root.charCodeAt(i), 16777619);
  return (hash >>> 0) / 4294967296;
}

/** Step rows per multi-row INSERT: one statement call instead of one per step. */
const ROWS_PER_INSERT = 64;
const STEP_COLUMNS = 10;

export class TraceStore {
  private readonly insertStep;
  private readonly insertSteps;
  private readonly pending: Array<string | number | null> = [];
  /** Payload-free steps of the current transaction, per run and node, written as compact rows. */
  private readonly compact = new Map<string, { runId: string; nodeId: string; steps: CompactStep[] }>();
  private readonly selectSteps;
  private readonly selectStepsOfNode;
  private readonly selectEmissions;
  private readonly selectOutputSteps;

  /** Trace rows are stored without secrets (./redaction.ts): a response echoing a token shows `[redacted]`. */
  constructor(db: StateDatabase, private readonly redaction: Redaction = NO_REDACTION) {
    const insert = 'INSERT INTO steps (run_id, node_id, message_id, attempt, started_at, duration_ms, input, outputs, error, compact) VALUES ';
    const row = `(${Array.from({ length: STEP_COLUMNS }, () => '?').join(', ')})`;
    this.insertStep = db.prepare(insert + row);
    this.insertSteps = db.prepare(insert + Array.from({ length: ROWS_PER_INSERT }, () => row).join(', '));
    this.selectSteps = db.prepare<[string, number], StepRow>('SELECT * FROM steps WHERE run_id = ? ORDER BY seq LIMIT ?');
    this.selectStepsOfNode = db.prepare<[string, string, number], StepRow>('SELECT * FROM steps WHERE run_id = ? AND node_id = ? ORDER BY seq LIMIT ?');
    this.selectEmissions = db.prepare<[string], { node_id: string; payload: string }>('SELECT node_id, payload FROM emissions WHERE run_id = ? ORDER BY seq');
    this.selectOutputSteps = db.prepare<[string], { node_id: string; outputs: string }>(
      'SELECT node_id, outputs FROM steps WHERE run_id = ? AND outputs IS NOT NULL ORDER BY seq',
    );
  }

  /**
   * Buffers one step row (written by `flush`, inside the same transaction); payload texts are given only when the trace mode keeps them. Returns the
   * characters stored (for the retention byte budget).
   */
  write(step: StepRecord, inputText: string | null, outputTexts: Array<{ port: string; text: string }> | null, failure: ErrorData | null): number {
    const input = this.redaction.json(inputText === null ? null : cappedText(inputText));
    const outputs = this.redaction.json(outputTexts === null ? null : `[${outputTexts.map((e) => `{"port":${JSON.stringify(e.port)},"payload":${cappedText(e.text)}}`).join(',')}]`);
    const error = this.redaction.json(failure ? JSON.stringify(failure) : null);
    if (input === null && outputs === null && error === null) {
      // Counts and timings only: many steps share one row.
      const key = `${step.runId}\u0000${step.nodeId}`;
      let group = this.compact.get(key);
      if (!group) this.compact.set(key, (group = { runId: step.runId, nodeId: step.nodeId, steps: [] }));
      group.steps.push([step.messageId, step.attempt, step.startedAt, Math.round(step.durationMs * 1000) / 1000]);
      return 40 + step.messageId.length;
    }
    // Compact rows gathered so far go first, so rows keep the order the steps were committed in.
    if (this.compact.size > 0) this.closeCompactRows();
    this.pending.push(step.runId, step.nodeId, step.messageId, step.attempt, step.startedAt, step.durationMs, input, outputs, error, null);
    if (this.pending.length >= ROWS_PER_INSERT * STEP_COLUMNS) this.flush();
    return 64 + (input?.length ?? 0) + (outputs?.length ?? 0) + (error?.length ?? 0);
  }

  /** Writes the buffered rows; the committer calls it before its transaction ends. */
  flush(): void {
    this.closeCompactRows();
    const values = this.pending;
    let at = 0;
    for (; at + ROWS_PER_INSERT * STEP_COLUMNS <= values.length; at += ROWS_PER_INSERT * STEP_COLUMNS) {
      this.insertSteps.run(values.slice(at, at + ROWS_PER_INSERT * STEP_COLUMNS));
    }
    for (; at < values.length; at += STEP_COLUMNS) this.insertStep.run(values.slice(at, at + STEP_COLUMNS));
    values.length = 0;
  }

  private closeCompactRows(): void {
    for (const { runId, nodeId, steps } of this.compact.values()) {
      const [messageId, attempt, startedAt, durationMs] = steps[0] as CompactStep;
      this.pending.push(runId, nodeId, messageId, attempt, startedAt, durationMs, null, null, null, JSON.stringify(steps));
    }
    this.compact.clear();
  }

  /** Drops buffered rows of a transaction that rolled back. */
  discard(): void {
    this.pending.length = 0;
    this.compact.clear();
  }

  traces(runId: string, options: { nodeId?: string; limit?: number } = {}): StepTrace[] {
    const limit = options.limit ?? 1000;
    const rows = options.nodeId === undefined ? this.selectSteps.all(runId, limit) : this.selectStepsOfNode.all(runId, options.nodeId, limit);
    const traces: StepTrace[] = [];
    for (const row of rows) {
      if (row.compact !== null) {
        for (const [messageId, attempt, startedAt, durationMs] of JSON.parse(row.compact) as CompactStep[]) {
          traces.push({ runId: row.run_id, nodeId: row.node_id, messageId, attempt, startedAt: new Date(startedAt).toISOString(), durationMs });
        }
        continue;
      }
      const trace: StepTrace = {
        runId: row.run_id, nodeId: row.node_id, messageId: row.message_id, attempt: row.attempt,
        startedAt: new Date(row.started_at).toISOString(), durationMs: row.duration_ms,
      };
      if (row.input !== null) trace.input = JSON.parse(row.input) as unknown;
      if (row.outputs !== null) trace.outputs = JSON.parse(row.outputs) as Emission[];
      if (row.error !== null) trace.error = JSON.parse(row.error) as ErrorData;
      traces.push(trace);
    }
    return traces.length > limit ? traces.slice(0, limit) : traces;
  }

  /** Emitted payloads per node: uncapped for test runs, else from the trace rows (capped; `full` mode). */
  emissions(runId: string, isTestRun: boolean): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    const push = (nodeId: string, payload: unknown): void => {
      (out[nodeId] ??= []).push(payload);
    };
    if (isTestRun) {
      for (const row of this.selectEmissions.iterate(runId)) push(row.node_id, JSON.parse(row.payload));
      return out;
    }
    for (const row of this.selectOutputSteps.iterate(runId)) {
      for (const emission of JSON.parse(row.outputs) as Emission[]) if (isOutputPort(emission.port)) push(row.node_id, emission.payload);
    }
    return out;
  }
}

export { TRACE_PAYLOAD_CAP };
