// Step traces (DESIGN.md §4 "Traces and retention"): every step's timing and attempt, and the input,
// outputs and error as the run's trace policy asks — `full` keeps payloads (capped at 64 KiB each),
// `errors` only where the step failed, `sampled` where the step failed and for a bounded sample of
// messages (the first TRACE_HEAD of each input, then a share). A flow's `settings.trace` decides; without
// it the run kind does: test runs trace in full, batch, replay and live runs sample, so a run of millions
// of messages never stores every payload by surprise. Steps that keep no payloads are stored compactly
// by the store. Test runs also keep every emitted payload uncapped for `pipewright test` to compare.
import type { ErrorData } from '../../shared/errors.js';
import type { TraceMode } from '../../shared/flow/schema.js';
import type { StepOutcome } from './execute-batch.js';
import { intakePosition } from './ids.js';
import { cappedText } from './json-text.js';
import type { Redaction } from './redaction.js';
import { isOutputPort, type RunPlan } from './run-plan.js';
import type { EngineStore, StepRow, StoredStep } from './store/types.js';
import type { Emission, RunKind, StepTrace } from './types.js';

/** A sampled trace keeps the payloads of each input's first this many messages, whatever the rate. */
export const TRACE_HEAD = 100;
/** The share of messages after the head whose payloads a sampled trace keeps, unless the flow says. */
export const DEFAULT_TRACE_SAMPLE_RATE = 0.01;

export interface TracePolicy {
  mode: TraceMode;
  sampleRate: number;
}

/** The flow's own `settings.trace` wins; else a test run traces in full and every other run samples. */
export function tracePolicy(plan: RunPlan, kind: RunKind): TracePolicy {
  return { mode: plan.trace ?? (kind === 'test' ? 'full' : 'sampled'), sampleRate: plan.traceSampleRate ?? DEFAULT_TRACE_SAMPLE_RATE };
}

/** Whether a successful step of `messageId` keeps its payloads (a failed one always does). */
export function keepsPayloads(policy: TracePolicy, messageId: string): boolean {
  if (policy.mode === 'full') return true;
  if (policy.mode === 'errors') return false;
  const position = intakePosition(messageId);
  return (position !== undefined && position <= TRACE_HEAD) || sampleOf(messageId) < policy.sampleRate;
}

/** A stable number in [0, 1) from the message's root id, so a message is sampled at every step or none. */
function sampleOf(messageId: string): number {
  let hash = 2166136261;
  const slash = messageId.indexOf('/');
  const end = slash === -1 ? messageId.length : slash;
  for (let i = 0; i < end; i++) hash = Math.imul(hash ^ messageId.charCodeAt(i), 16777619);
  return (hash >>> 0) / 4294967296;
}

/** The trace row of one step (capped, redacted). */
export function traceRow(step: StepOutcome, redaction: Redaction): StepRow {
  if (!step.tracePayloads && step.failure === undefined) {
    // Counts and timings only (most steps of a sampled run): nothing to cap, redact or serialize.
    return { nodeId: step.node.node.id, messageId: step.messageId, attempt: step.attempt, startedAt: step.startedAt, durationMs: step.durationMs, input: null, outputs: null, error: null };
  }
  const keep = step.tracePayloads;
  const input = keep ? redaction.json(cappedText(step.input.text)) : null;
  const outputs = keep && step.emissions
    ? redaction.json(`[${step.emissions.map((e) => `{"port":${JSON.stringify(e.port)},"payload":${cappedText(e.payload.text)}}`).join(',')}]`)
    : null;
  const error = step.failure ? redaction.json(JSON.stringify(step.failure.error)) : null;
  return { nodeId: step.node.node.id, messageId: step.messageId, attempt: step.attempt, startedAt: step.startedAt, durationMs: step.durationMs, input, outputs, error };
}

/** The characters a trace row stores, for retention's byte budget. */
export function traceRowBytes(row: StepRow): number {
  return row.input === null && row.outputs === null && row.error === null
    ? 40 + row.messageId.length
    : 64 + (row.input?.length ?? 0) + (row.outputs?.length ?? 0) + (row.error?.length ?? 0);
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
