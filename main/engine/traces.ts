// Step traces (DESIGN.md §4 "Traces and retention"): every step's timing and attempt, and the input,
// outputs and error as the flow's trace mode asks — `full` keeps payloads (capped at 64 KiB each),
// `errors` only where the step failed, `sampled` for a share of messages and every failure. Steps that
// keep no payloads are stored compactly by the store. Test runs also keep every emitted payload
// uncapped for `pipewright test` to compare.
import type { ErrorData } from '../../shared/errors.js';
import type { TraceMode } from '../../shared/flow/schema.js';
import type { StepOutcome } from './execute-batch.js';
import { cappedText } from './json-text.js';
import type { Redaction } from './redaction.js';
import { isOutputPort } from './run-plan.js';
import type { EngineStore, StepRow, StoredStep } from './store/types.js';
import type { Emission, StepTrace } from './types.js';

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

/** The trace row of one step (capped, redacted) and the characters it stores (retention's byte budget). */
export function traceRow(step: StepOutcome, redaction: Redaction): { row: StepRow; bytes: number } {
  const keep = step.tracePayloads;
  const input = keep ? redaction.json(cappedText(step.input.text)) : null;
  const outputs = keep && step.emissions
    ? redaction.json(`[${step.emissions.map((e) => `{"port":${JSON.stringify(e.port)},"payload":${cappedText(e.payload.text)}}`).join(',')}]`)
    : null;
  const error = step.failure ? redaction.json(JSON.stringify(step.failure.error)) : null;
  const row: StepRow = {
    nodeId: step.node.node.id, messageId: step.messageId, attempt: step.attempt, startedAt: step.startedAt, durationMs: step.durationMs, input, outputs, error,
  };
  const bytes = input === null && outputs === null && error === null
    ? 40 + step.messageId.length
    : 64 + (input?.length ?? 0) + (outputs?.length ?? 0) + (error?.length ?? 0);
  return { row, bytes };
}

export function toStepTrace(step: StoredStep): StepTrace {
  const trace: StepTrace = {
    runId: step.runId, nodeId: step.nodeId, messageId: step.messageId, attempt: step.attempt,
    startedAt: new Date(step.startedAt).toISOString(), durationMs: step.durationMs,
  };
  if (step.input !== null) trace.input = JSON.parse(step.input) as unknown;
  if (step.outputs !== null) trace.outputs = JSON.parse(step.outputs) as Emission[];
  if (step.error !== null) trace.error = JSON.parse(step.error) as ErrorData;
  return trace;
}

/** Emitted payloads per node: uncapped for test runs, else from the trace rows (capped; `full` mode). */
export async function emissionsOf(store: EngineStore, runId: string, isTestRun: boolean, redaction: Redaction): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const push = (nodeId: string, payload: unknown): void => {
    (out[nodeId] ??= []).push(payload);
  };
  if (isTestRun) {
    for (const row of await store.traces.emissions(runId)) push(row.nodeId, JSON.parse(redaction.json(row.payload)));
    return out;
  }
  for (const row of await store.traces.outputSteps(runId)) {
    for (const emission of JSON.parse(row.outputs) as Emission[]) if (isOutputPort(emission.port)) push(row.nodeId, emission.payload);
  }
  return out;
}
