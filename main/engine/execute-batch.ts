// Runs one node over a claimed batch: parses each payload, calls the executor (up to its concurrency at
// once), serializes what it emits and captures failures as data. Nothing here writes to the database;
// ./commit.ts applies the outcomes in one transaction.
import { isPipewrightError, type ErrorData } from '../../shared/errors.js';
import { MappingError, NodeError } from './errors.js';
import { parsePayload, payloadText } from './json-text.js';
import type { ClaimedMessage } from './queue.js';
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { LogLevel, MappingEvaluator, NodeContext } from './types.js';

export interface SerializedEmission {
  port: string;
  text: string;
}

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

export interface StepOutcome {
  message: ClaimedMessage;
  startedAt: number;
  durationMs: number;
  emissions?: SerializedEmission[];
  failure?: StepFailure;
  logs: LogEntry[];
}

export interface BatchContext {
  runId: string;
  flowVersion: number;
  plan: RunPlan;
  node: PlannedNode;
  mapping: MappingEvaluator;
  signal: AbortSignal;
  onLog: (entry: LogEntry) => void;
}

export async function executeBatch(batch: ClaimedMessage[], context: BatchContext): Promise<StepOutcome[]> {
  if (context.node.executor.passThrough === true) {
    const startedAt = Date.now();
    return batch.map((message) => ({ message, startedAt, durationMs: 0, emissions: [{ port: 'out', text: message.payload }], logs: [] }));
  }
  const outcomes = new Array<StepOutcome>(batch.length);
  const base: Omit<NodeContext, 'log'> = {
    flow: context.plan.flow, node: context.node.node, config: context.node.config, mapping: context.mapping, signal: context.signal,
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const index = next++;
      outcomes[index] = await executeOne(batch[index] as ClaimedMessage, context, base);
    }
  };
  const workers = Math.min(context.node.concurrency, batch.length);
  if (workers <= 1) await worker();
  else await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

async function executeOne(message: ClaimedMessage, context: BatchContext, base: Omit<NodeContext, 'log'>): Promise<StepOutcome> {
  const logs: LogEntry[] = [];
  const ctx: NodeContext = {
    ...base,
    log: (level, text, data) => {
      const entry: LogEntry = data === undefined ? { at: new Date().toISOString(), level, message: text } : { at: new Date().toISOString(), level, message: text, data };
      logs.push(entry);
      context.onLog(entry);
    },
  };
  const startedAt = Date.now();
  const started = performance.now();
  try {
    const payload = parsePayload(message.payload);
    const emitted = await context.node.executor.execute(
      {
        payload,
        meta: {
          messageId: message.id, runId: context.runId, flowId: context.plan.flow.id, flowVersion: context.flowVersion,
          nodeId: context.node.node.id, attempt: message.attempt, idempotencyKey: message.idempotencyKey,
        },
      },
      ctx,
    );
    const emissions = emitted.map((emission) => ({ port: emission.port, text: payloadText(emission.payload) }));
    return { message, startedAt, durationMs: performance.now() - started, emissions, logs };
  } catch (error) {
    return { message, startedAt, durationMs: performance.now() - started, failure: toFailure(error), logs };
  }
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
