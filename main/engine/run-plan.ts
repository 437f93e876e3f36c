// A flow version compiled for running: each node's parsed config, executor, retry policy, queue bound,
// where each of its ports leads, and whether it is terminal. Built once per flow version.
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { getNodeKind } from '../../shared/catalog/index.js';
import { parseNodeConfig } from '../../shared/flow/validate.js';
import { topologicalOrder } from '../../shared/flow/graph.js';
import { DEFAULT_PORT, ERROR_PORT, type FlowDocument, type FlowNode, type RetryPolicy, type TraceMode } from '../../shared/flow/schema.js';
import { getNodeExecutor } from './nodes/index.js';
import { retryPolicyFor } from './retry.js';
import type { NodeExecutor } from './types.js';

/** Ports whose messages are not "emitted" in the sense of outputs and test expectations. */
const NOT_OUTPUT_PORTS = new Set(['rejected', 'invalid', ERROR_PORT]);

export interface EdgeTarget {
  /** Index of the edge in the flow, part of the child message id. */
  edgeIndex: number;
  nodeId: string;
}

export interface PlannedNode {
  node: FlowNode;
  /** Position in flow.nodes, for JSON paths. */
  index: number;
  executor: NodeExecutor;
  config: unknown;
  isTrigger: boolean;
  /** No effect outside the engine (the catalog's `effects: 'none'`): run fused in memory after its upstream step. */
  pure: boolean;
  /** No outgoing edges at all: what it emits is recorded as the run's output. */
  isTerminal: boolean;
  retry: RetryPolicy;
  queueLimit: number;
  concurrency: number;
  /** port → targets, in edge order. */
  targets: Map<string, EdgeTarget[]>;
  /** Every node fed by this one (any port, including `error`). */
  downstream: string[];
  /**
   * The queues this node's output lands in, for back pressure: its downstream nodes, except that a
   * pure node is looked through (it runs fused with this one and never queues its input).
   */
  queuesFed: string[];
}

export interface RunPlan {
  flow: FlowDocument;
  nodes: Map<string, PlannedNode>;
  /** Downstream first: the scheduler drains the end of the flow before feeding its start. */
  drainOrder: PlannedNode[];
  /** The flow's own `settings.trace` and sample rate; without them the run kind decides (./traces.ts tracePolicy). */
  trace: TraceMode | undefined;
  traceSampleRate: number | undefined;
}

export function isOutputPort(port: string): boolean {
  return !NOT_OUTPUT_PORTS.has(port);
}

export function buildRunPlan(flow: FlowDocument, defaults: { queueLimit: number; executors?: ReadonlyMap<string, NodeExecutor> | undefined }): RunPlan {
  const problems: Problem[] = [];
  const nodes = new Map<string, PlannedNode>();
  // Sets and maps only: a flow of 100,000 nodes plans in linear time.
  const sources = new Set(flow.edges.map((edge) => edge.from));
  flow.nodes.forEach((node, index) => {
    const kind = getNodeKind(node.type);
    const executor = defaults.executors?.get(node.type) ?? getNodeExecutor(node.type);
    if (!kind || !executor) {
      problems.push({ code: 'UNSUPPORTED_NODE_TYPE', message: `node "${node.id}" has type "${node.type}", which this engine cannot run yet`, path: `nodes[${index}].type` });
      return;
    }
    let config: unknown;
    try {
      config = parseNodeConfig(node, kind);
    } catch (error) {
      if (error instanceof PipewrightError) problems.push(...(error.problems ?? [{ code: error.code, message: error.message, path: `nodes[${index}].config` }]));
      else throw error;
      return;
    }
    nodes.set(node.id, {
      node, index, executor, config,
      isTrigger: kind.isTrigger === true,
      pure: kind.effects === 'none',
      isTerminal: !sources.has(node.id),
      retry: retryPolicyFor(node.retry, executor),
      queueLimit: node.queueLimit ?? defaults.queueLimit,
      concurrency: Math.max(1, executor.concurrency?.(config) ?? 1),
      targets: new Map(),
      downstream: [],
      queuesFed: [],
    });
  });
  if (problems.length > 0) throw new PipewrightError('FLOW_INVALID', `flow "${flow.id}" cannot run: ${problems.map((p) => p.message).join('; ')}`, { problems });

  flow.edges.forEach((edge, edgeIndex) => {
    const from = nodes.get(edge.from);
    if (!from || !nodes.has(edge.to)) return;
    const port = edge.port ?? DEFAULT_PORT;
    const list = from.targets.get(port) ?? [];
    list.push({ edgeIndex, nodeId: edge.to });
    from.targets.set(port, list);
    if (!from.downstream.includes(edge.to)) from.downstream.push(edge.to);
  });

  const order = topologicalOrder(flow).map((id) => nodes.get(id) as PlannedNode);
  // Downstream first, so every node's successors already know their queues.
  for (const node of [...order].reverse()) {
    const fed = new Set<string>();
    for (const id of node.downstream) {
      const next = nodes.get(id) as PlannedNode;
      if (next.pure) for (const inner of next.queuesFed) fed.add(inner);
      else fed.add(id);
    }
    node.queuesFed = [...fed];
  }
  return {
    flow,
    nodes,
    drainOrder: order.reverse(),
    trace: flow.settings?.trace,
    traceSampleRate: flow.settings?.traceSampleRate,
  };
}
