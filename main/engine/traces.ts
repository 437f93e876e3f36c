// Step traces (DESIGN.md §4 "Traces and retention"): one row per step with timing and attempt, and the
// input, outputs and error as the flow's trace mode asks — `full` keeps payloads (capped at 64 KiB
// each), `errors` only where the step failed, `sampled` for a share of messages and every failure.
// Test runs also keep every emitted payload uncapped for `pipewright test` to compare.
import type { ErrorData } from '../../shared/errors.js';
import type { TraceMode } from '../../shared/flow/schema.js';
import { cappedText, TRACE_PAYLOAD_CAP } from './json-text.js';
import { isOutputPort } from './run-plan.js';
import type { SerializedEmission } from './execute-batch.js';
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
}

export interface StepRecord {
  runId: string;
  nodeId: string;
  messageId: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
  input: string;
  emissions?: SerializedEmission[];
  error?: ErrorData;
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

export class TraceStore {
  private readonly insertStep;
  private readonly selectSteps;
  private readonly selectStepsOfNode;
  private readonly selectEmissions;
  private readonly selectOutputSteps;

  constructor(db: StateDatabase) {
    this.insertStep = db.prepare(
      'INSERT INTO steps (run_id, node_id, message_id, attempt, started_at, duration_ms, input, outputs, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectSteps = db.prepare<[string, number], StepRow>('SELECT * FROM steps WHERE run_id = ? ORDER BY seq LIMIT ?');
    this.selectStepsOfNode = db.prepare<[string, string, number], StepRow>('SELECT * FROM steps WHERE run_id = ? AND node_id = ? ORDER BY seq LIMIT ?');
    this.selectEmissions = db.prepare<[string], { node_id: string; payload: string }>('SELECT node_id, payload FROM emissions WHERE run_id = ? ORDER BY seq');
    this.selectOutputSteps = db.prepare<[string], { node_id: string; outputs: string }>(
      'SELECT node_id, outputs FROM steps WHERE run_id = ? AND outputs IS NOT NULL ORDER BY seq',
    );
  }

  /** Writes one step row; returns the characters stored (for the retention byte budget). */
  write(step: StepRecord, withPayloads: boolean): number {
    let input: string | null = null;
    let outputs: string | null = null;
    if (withPayloads) {
      input = cappedText(step.input);
      if (step.emissions) outputs = `[${step.emissions.map((e) => `{"port":${JSON.stringify(e.port)},"payload":${cappedText(e.text)}}`).join(',')}]`;
    }
    const error = step.error ? JSON.stringify(step.error) : null;
    this.insertStep.run(step.runId, step.nodeId, step.messageId, step.attempt, step.startedAt, step.durationMs, input, outputs, error);
    return 64 + (input?.length ?? 0) + (outputs?.length ?? 0) + (error?.length ?? 0);
  }

  traces(runId: string, options: { nodeId?: string; limit?: number } = {}): StepTrace[] {
    const limit = options.limit ?? 1000;
    const rows = options.nodeId === undefined ? this.selectSteps.all(runId, limit) : this.selectStepsOfNode.all(runId, options.nodeId, limit);
    return rows.map((row) => {
      const trace: StepTrace = {
        runId: row.run_id, nodeId: row.node_id, messageId: row.message_id, attempt: row.attempt,
        startedAt: new Date(row.started_at).toISOString(), durationMs: row.duration_ms,
      };
      if (row.input !== null) trace.input = JSON.parse(row.input) as unknown;
      if (row.outputs !== null) trace.outputs = JSON.parse(row.outputs) as Emission[];
      if (row.error !== null) trace.error = JSON.parse(row.error) as ErrorData;
      return trace;
    });
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
