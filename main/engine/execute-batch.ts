// Runs one node over a claimed batch and, in memory, every pure node downstream of it ("fusion"): a
// map → filter → map chain costs one claim and one commit instead of a queue hop per node. Nothing here
// writes to the database; ./commit.ts applies the resulting step trees in one transaction. Failures are
// captured as data; JSON text is made only for what will be stored.
import { isPipewrightError, type ErrorData } from '../../shared/errors.js';
import { MappingError, NodeError } from './errors.js';
import { childId } from './ids.js';
import { Payload } from './payload.js';
import type { Redaction } from './redaction.js';
import type { ClaimedMessage } from './queue.js';
import { isOutputPort, type EdgeTarget, type PlannedNode, type RunPlan } from './run-plan.js';
import { keepsPayloads } from './traces.js';
import type { CredentialProvider, Emission, LogLevel, MappingEvaluator, MessageMeta, NodeContext, RunKind } from './types.js';

export interface StepFailure {
  error: ErrorData;
  transient: boolean;
  retryAfterMs?: number;
}

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  data?: unknown;
}

/** One edge an emission travels: run in memory (`step`) or queued for later. */
export interface Hop {
  edge: EdgeTarget;
  id: string;
  idempotencyKey: string;
  step?: StepOutcome;
}

export interface EmissionOutcome {
  port: string;
  payload: Payload;
  hops: Hop[];
}

/** One step: a message handled at a node, with the steps fused after it. */
export interface StepOutcome {
  node: PlannedNode;
  messageId: string;
  idempotencyKey: string;
  attempt: number;
  attemptsJson: string | null;
  input: Payload;
  startedAt: number;
  durationMs: number;
  /** Whether the trace row keeps payloads (their text is then ready). */
  tracePayloads: boolean;
  emissions?: EmissionOutcome[];
  failure?: StepFailure;
  logs: LogEntry[];
}

export interface RootOutcome extends StepOutcome {
  /** The claimed queue row; absent for a message read straight from an input file. */
  seq?: number;
}

export interface BatchContext {
  runId: string;
  runKind: RunKind;
  flowVersion: number;
  plan: RunPlan;
  node: PlannedNode;
  mapping: MappingEvaluator;
  signal: AbortSignal;
  credentials: CredentialProvider | undefined;
  /** Failure messages are redacted as they are captured, so no copy of them carries a secret. */
  redaction: Redaction;
  onLog: (nodeId: string, entry: LogEntry) => void;
}

interface StepInput {
  node: PlannedNode;
  id: string;
  idempotencyKey: string;
  attempt: number;
  attemptsJson: string | null;
  payload: Payload;
}

export async function executeBatch(batch: ClaimedMessage[], context: BatchContext): Promise<RootOutcome[]> {
  const outcomes = new Array<RootOutcome>(batch.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const index = next++;
      const message = batch[index] as ClaimedMessage;
      const step = (await runStep(
        { node: context.node, id: message.id, idempotencyKey: message.idempotencyKey, attempt: message.attempt, attemptsJson: message.attemptsJson, payload: Payload.fromText(message.payload) },
        context,
      )) as RootOutcome;
      // Set in place: object spreads are costly on this path (a million steps per minute).
      if (message.seq !== undefined) step.seq = message.seq;
      outcomes[index] = step;
    }
  };
  const workers = Math.min(context.node.concurrency, batch.length);
  if (workers <= 1) await worker();
  else await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

async function runStep(input: StepInput, context: BatchContext): Promise<StepOutcome> {
  const { node } = input;
  const logs: LogEntry[] = [];
  const startedAt = Date.now();
  const started = performance.now();
  const step: StepOutcome = {
    node, messageId: input.id, idempotencyKey: input.idempotencyKey, attempt: input.attempt, attemptsJson: input.attemptsJson,
    input: input.payload, startedAt, durationMs: 0, tracePayloads: false, logs,
  };
  let emitted: Array<{ port: string; payload: Payload }>;
  try {
    if (node.executor.passThrough === true) emitted = [{ port: 'out', payload: input.payload }];
    else {
      const raw = await node.executor.execute({ payload: input.payload.value, meta: metaOf(input, context) }, contextFor(input, context, logs));
      emitted = new Array<{ port: string; payload: Payload }>(raw.length);
      for (let i = 0; i < raw.length; i++) emitted[i] = { port: (raw[i] as Emission).port, payload: Payload.fromValue((raw[i] as Emission).payload) };
    }
  } catch (error) {
    return failed(step, performance.now() - started, toFailure(error), context);
  }
  const durationMs = performance.now() - started;
  const tracePayloads = keepsPayloads(context.plan.trace, context.plan.traceSampleRate, input.id, false);

  const emissions: EmissionOutcome[] = new Array<EmissionOutcome>(emitted.length);
  try {
    // Make every text that will be stored now, so an unserializable output fails this step, cleanly.
    if (tracePayloads) void input.payload.text;
    for (let index = 0; index < emitted.length; index++) {
      const emission = emitted[index] as { port: string; payload: Payload };
      const edges = node.targets.get(emission.port) ?? NO_EDGES;
      let stored = tracePayloads || (isOutputPort(emission.port) && (node.isTerminal || context.runKind === 'test'));
      const hops = new Array<Hop>(edges.length);
      for (let e = 0; e < edges.length; e++) {
        const edge = edges[e] as EdgeTarget;
        if (!isFusable(context.plan, edge)) stored = true;
        hops[e] = { edge, id: childId(input.id, edge.edgeIndex, index), idempotencyKey: childId(input.idempotencyKey, edge.edgeIndex, index) };
      }
      if (stored) void emission.payload.text;
      emissions[index] = { port: emission.port, payload: emission.payload, hops };
    }
  } catch (error) {
    return failed(step, durationMs, toFailure(error), context);
  }

  for (const emission of emissions) {
    for (const hop of emission.hops) {
      if (!isFusable(context.plan, hop.edge)) continue;
      const target = context.plan.nodes.get(hop.edge.nodeId) as PlannedNode;
      hop.step = await runStep({ node: target, id: hop.id, idempotencyKey: hop.idempotencyKey, attempt: 1, attemptsJson: null, payload: emission.payload }, context);
    }
  }
  step.durationMs = durationMs;
  step.tracePayloads = tracePayloads;
  step.emissions = emissions;
  return step;
}

const NO_EDGES: EdgeTarget[] = [];

function failed(step: StepOutcome, durationMs: number, failure: StepFailure, context: BatchContext): StepOutcome {
  // A failed step keeps its input for the trace, the retry or the dead letter.
  try {
    void step.input.text;
  } catch (error) {
    step.input = Payload.fromText(JSON.stringify({ $unserializable: (error as Error).message }));
  }
  step.durationMs = durationMs;
  step.tracePayloads = true;
  failure.error = context.redaction.error(failure.error);
  step.failure = failure;
  return step;
}

function isFusable(plan: RunPlan, edge: EdgeTarget): boolean {
  return plan.nodes.get(edge.nodeId)?.executor.pure === true;
}

function metaOf(input: StepInput, context: BatchContext): MessageMeta {
  return {
    messageId: input.id, runId: context.runId, flowId: context.plan.flow.id, flowVersion: context.flowVersion,
    nodeId: input.node.node.id, attempt: input.attempt, idempotencyKey: input.idempotencyKey,
  };
}

function contextFor(input: StepInput, context: BatchContext, logs: LogEntry[]): NodeContext {
  const nodeId = input.node.node.id;
  return {
    flow: context.plan.flow, node: input.node.node, config: input.node.config, mapping: context.mapping, signal: context.signal,
    credentials: context.credentials,
    log: (level, message, data) => {
      const entry: LogEntry = data === undefined ? { at: new Date().toISOString(), level, message } : { at: new Date().toISOString(), level, message, data };
      logs.push(entry);
      context.onLog(nodeId, entry);
    },
  };
}

/** Any thrown value as error data; only a NodeError marked transient is retried. */
export function toFailure(error: unknown): StepFailure {
  if (error instanceof MappingError) {
    const data = error.toData();
    return { error: { ...data, message: `${error.jsonataCode}: ${error.message}` }, transient: false };
  }
  if (error instanceof NodeError) {
    return error.retryAfterMs === undefined
      ? { error: error.toData(), transient: error.transient }
      : { error: error.toData(), transient: error.transient, retryAfterMs: error.retryAfterMs };
  }
  if (isPipewrightError(error)) return { error: error.toData(), transient: false };
  if (error instanceof RangeError) return { error: { code: 'NODE_FAILED', message: `the node failed: ${error.message} (is the payload nested too deeply?)` }, transient: false };
  if (error instanceof Error) return { error: { code: 'NODE_FAILED', message: `the node failed: ${error.message}` }, transient: false };
  return { error: { code: 'NODE_FAILED', message: `the node failed: ${String(error)}` }, transient: false };
}
