// Builds what the engine hands an http.request executor, with the real mapping evaluator, so the
// executor can be driven one message at a time against the fault server.
import { httpRequestConfig, type HttpRequestConfig } from '../../../shared/catalog/kinds/http-request.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createMappingEvaluator } from '../../../main/engine/mapping/evaluator.js';
import { createFilePolicy } from '../../../main/engine/node-services/index.js';
import type { LogLevel, NodeContext, NodeInput, NodeState } from '../../../main/engine/types.js';

const mapping = createMappingEvaluator();

export function httpContext(
  config: Partial<HttpRequestConfig> & { url: string },
  options: { signal?: AbortSignal } = {},
): NodeContext<HttpRequestConfig> & { logs: Array<{ level: LogLevel; message: string }> } {
  const parsed = httpRequestConfig.parse(config);
  const node = { id: 'call', type: 'http.request', position: [0, 0] as [number, number], config: parsed };
  const flow: FlowDocument = {
    format: 'pipewright/flow@1', id: 'http-test', name: 'HTTP test',
    nodes: [{ id: 'start', type: 'trigger.manual', position: [0, 0], config: {} }, node],
    edges: [{ from: 'start', to: 'call' }],
  };
  const logs: Array<{ level: LogLevel; message: string }> = [];
  return {
    flow, node, config: parsed, mapping, logs,
    log: (level, message) => { logs.push({ level, message }); },
    signal: options.signal ?? new AbortController().signal,
    // http.request keeps no state, sets no timers and touches no files: these are here for the type.
    state: memoryState(), store: () => memoryState(), timers: { set: () => undefined }, files: createFilePolicy([]),
  };
}

function memoryState(): NodeState {
  const values = new Map<string, unknown>();
  return { get: async (key) => values.get(key), put: (key, value) => void values.set(key, value), delete: (key) => void values.delete(key) };
}

let counter = 0;

/** A message as the engine would deliver it; each call gets its own id and idempotency key. */
export function message(payload: unknown, attempt = 1): NodeInput {
  counter += 1;
  return {
    payload,
    meta: {
      messageId: `m-${counter}`, runId: 'run-1', flowId: 'http-test', flowVersion: 1, nodeId: 'call',
      attempt, idempotencyKey: `idem-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    },
  };
}
