// Samples at every node: what a node would receive when the flow runs on its triggers' samples, worked
// out through the nodes before it with the engine's rules (a Map's result goes on, a Filter's condition
// picks `out` or `rejected`, a Switch's first holding rule picks the port, a Split emits each element).
// Nodes that reach outside Pipewright (HTTP, SQL, files) are never called: the payloads a flow test
// expects from them, or that they emitted in the last test run, stand in for them; without either the
// working-out stops there and says so. A node's own samples always win. No DOM: it runs in the sample
// worker (./sample-input.worker.ts) with the designer's evaluator and is tested in Node.
import { getNodeKind } from '../../../shared/catalog/index.js';
import { DEFAULT_PORT, type FlowDocument, type FlowNode } from '../../../shared/flow/schema.js';
import { isTruthy } from '../../../shared/jsonata/truthy.js';
import { MAX_SAMPLE_MESSAGES } from './upstream-sample.js';

/** Evaluates one JSONata expression against one input; rejects with a message when it fails. */
export type Evaluate = (expression: string, input: unknown) => Promise<unknown>;

export type NodeInput =
  | {
      found: true;
      messages: unknown[];
      /** `own`: the node's samples; `worked-out`: from a trigger's sample through `through` (node ids, in order). */
      origin: 'own' | 'worked-out';
      through: string[];
    }
  | { found: false; reason: string; /** The node where the working-out stopped. */ at?: string };

type Emitted = { ok: true; ports: Map<string, unknown[]>; through: string[] } | { ok: false; reason: string; at?: string };

export interface PropagationOptions {
  /** Payloads that stand in for a node that is not run here (a flow test's expectation, the last run's output). */
  standIn?: (nodeId: string) => unknown[] | undefined;
}

export async function inputOf(doc: FlowDocument, nodeId: string, evaluate: Evaluate, options: PropagationOptions = {}): Promise<NodeInput> {
  const byId = new Map(doc.nodes.map((node) => [node.id, node]));
  const emitted = new Map<string, Promise<Emitted>>();
  const visiting = new Set<string>();

  async function received(id: string): Promise<NodeInput> {
    const own = doc.samples?.[id];
    if (own !== undefined && own.length > 0) return { found: true, messages: own, origin: 'own', through: [] };
    const incoming = doc.edges.filter((edge) => edge.to === id);
    if (incoming.length === 0) {
      const node = byId.get(id);
      return { found: false, reason: node && isTrigger(node) ? `The ${titleOf(node)} has no sample yet: paste a message as JSON below.` : 'Nothing feeds this node, and it has no sample: connect it, or paste a message as JSON below.' };
    }
    const messages: unknown[] = [];
    let through: string[] = [];
    let stopped: { reason: string; at?: string } | undefined;
    for (const edge of incoming) {
      const upstream = await emittedBy(edge.from);
      if (!upstream.ok) {
        stopped ??= upstream.at === undefined ? { reason: upstream.reason } : { reason: upstream.reason, at: upstream.at };
        continue;
      }
      const port = edge.port ?? DEFAULT_PORT;
      messages.push(...(upstream.ports.get(port) ?? []));
      if (through.length === 0) through = upstream.through;
    }
    if (messages.length > 0) return { found: true, messages: messages.slice(0, MAX_SAMPLE_MESSAGES), origin: 'worked-out', through };
    if (stopped) return { found: false, ...stopped };
    const feeding = incoming.map((edge) => describePort(byId.get(edge.from), edge.port ?? DEFAULT_PORT)).join(', ');
    return { found: false, reason: `No sample message reaches this node: none left ${feeding}.` };
  }

  function emittedBy(id: string): Promise<Emitted> {
    let known = emitted.get(id);
    if (!known) {
      known = run(id);
      emitted.set(id, known);
    }
    return known;
  }

  async function run(id: string): Promise<Emitted> {
    const node = byId.get(id);
    if (!node) return { ok: false, reason: `An edge comes from "${id}", which is not in the flow.` };
    if (visiting.has(id)) return { ok: false, reason: `The flow loops back through ${titleOf(node)} "${id}".`, at: id };
    visiting.add(id);
    try {
      // Only for a node that is not run here: the others are worked out, so an edit shows at once.
      const standIn = RUN_WHILE_DESIGNING.has(node.type) || isTrigger(node) ? undefined : options.standIn?.(id);
      if (standIn !== undefined && standIn.length > 0) return { ok: true, ports: new Map([[DEFAULT_PORT, standIn]]), through: [id] };
      const input = await received(id);
      if (!input.found) return { ok: false, reason: input.reason, ...(input.at === undefined ? {} : { at: input.at }) };
      const through = [...input.through, id];
      if (isTrigger(node)) return { ok: true, ports: new Map([[DEFAULT_PORT, input.messages]]), through };
      try {
        const ports = await emitFrom(node, input.messages, evaluate);
        return ports === undefined
          ? { ok: false, reason: `The ${titleOf(node)} "${id}" is not run while designing (it reaches outside Pipewright or keeps state): press ▶ Run once, or pin what it should emit in a flow test, to see what comes after it.`, at: id }
          : { ok: true, ports, through };
      } catch (error) {
        return { ok: false, reason: `The ${titleOf(node)} "${id}" fails on the sample: ${error instanceof Error ? error.message : String(error)}`, at: id };
      }
    } finally {
      visiting.delete(id);
    }
  }

  return received(nodeId);
}

/** The kinds worked out here: pure, stateless, and all in ./propagate.ts's emitFrom. */
const RUN_WHILE_DESIGNING = new Set(['transform.map', 'transform.filter', 'transform.switch', 'transform.split', 'output.log', 'control.delay']);

/** What a node emits per port for these inputs, or undefined for a kind that is not run while designing. */
async function emitFrom(node: FlowNode, messages: unknown[], evaluate: Evaluate): Promise<Map<string, unknown[]> | undefined> {
  const ports = new Map<string, unknown[]>();
  const emit = (port: string, payload: unknown): void => {
    const list = ports.get(port) ?? [];
    if (list.length < MAX_SAMPLE_MESSAGES) list.push(payload);
    ports.set(port, list);
  };
  const config = (node.config ?? {}) as Record<string, unknown>;
  switch (node.type) {
    case 'transform.map':
      for (const message of messages) {
        const result = await evaluate(String(config.expression ?? '$'), message);
        if (result !== undefined) emit(DEFAULT_PORT, result);
      }
      return ports;
    case 'transform.filter':
      for (const message of messages) emit(isTruthy(await evaluate(String(config.condition ?? 'true'), message)) ? DEFAULT_PORT : 'rejected', message);
      return ports;
    case 'transform.switch': {
      const rules = Array.isArray(config.rules) ? (config.rules as Array<{ port: string; condition: string }>) : [];
      for (const message of messages) {
        let port = 'default';
        for (const rule of rules) {
          if (isTruthy(await evaluate(rule.condition, message))) {
            port = rule.port;
            break;
          }
        }
        emit(port, message);
      }
      return ports;
    }
    case 'transform.split':
      for (const message of messages) {
        const result = await evaluate(String(config.path ?? '$'), message);
        if (result === undefined) continue;
        for (const item of Array.isArray(result) ? result : [result]) emit(DEFAULT_PORT, item);
      }
      return ports;
    case 'output.log':
    case 'control.delay':
      for (const message of messages) emit(DEFAULT_PORT, message);
      return ports;
    default:
      return undefined;
  }
}

function isTrigger(node: FlowNode): boolean {
  return getNodeKind(node.type)?.isTrigger === true;
}

function titleOf(node: FlowNode): string {
  return getNodeKind(node.type)?.title ?? node.type;
}

function describePort(node: FlowNode | undefined, port: string): string {
  if (!node) return 'a missing node';
  if (node.type === 'transform.filter') return port === DEFAULT_PORT ? `the Filter "${node.id}" (its condition held for none)` : `the Filter "${node.id}" by ${port}`;
  return `${titleOf(node)} "${node.id}" by its ${port} port`;
}
