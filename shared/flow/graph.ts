// Graph helpers over a flow's nodes and edges, shared by the validator and the engine: who feeds whom
// on which port, a run order, where messages end, where they start, and which nodes form cycles.
import { PipewrightError } from '../errors.js';
import { getNodeKind } from '../catalog/index.js';
import { DEFAULT_PORT, type FlowNode } from './schema.js';

/** The minimum the graph helpers need of an edge; the validator also passes half-valid documents. */
export interface EdgeLike {
  from: string;
  port?: string | undefined;
  to: string;
}

type FlowShape = { nodes: ReadonlyArray<Pick<FlowNode, 'id' | 'type'>>; edges: ReadonlyArray<EdgeLike> };

/** node id → port → target node ids, in edge order. Ports without edges are absent. */
export function outgoingByPort(edges: ReadonlyArray<EdgeLike>): Map<string, Map<string, string[]>> {
  const byNode = new Map<string, Map<string, string[]>>();
  for (const edge of edges) {
    const port = edge.port ?? DEFAULT_PORT;
    let byPort = byNode.get(edge.from);
    if (!byPort) byNode.set(edge.from, (byPort = new Map()));
    const targets = byPort.get(port);
    if (targets) targets.push(edge.to);
    else byPort.set(port, [edge.to]);
  }
  return byNode;
}

/** Target node ids of one node's port. */
export function edgeTargets(flow: Pick<FlowShape, 'edges'>, nodeId: string, port: string = DEFAULT_PORT): string[] {
  return flow.edges.filter((edge) => edge.from === nodeId && (edge.port ?? DEFAULT_PORT) === port).map((edge) => edge.to);
}

/** Node ids so that every edge goes forward; ties keep document order. Throws CYCLE on a cyclic flow. */
export function topologicalOrder(flow: FlowShape): string[] {
  const ids = flow.nodes.map((node) => node.id);
  const known = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const successors = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of flow.edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    successors.get(edge.from)?.push(edge.to);
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const next of successors.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length < ids.length) {
    const cycle = findCycles(ids, flow.edges)[0] ?? [];
    throw new PipewrightError('CYCLE', `The flow has a cycle (${describeCycle(cycle)}); remove one of its edges.`);
  }
  return order;
}

/** Nodes without outgoing edges (on any port): where test and run outputs are collected. */
export function terminalNodes(flow: FlowShape): string[] {
  const sources = new Set(flow.edges.map((edge) => edge.from));
  return flow.nodes.filter((node) => !sources.has(node.id)).map((node) => node.id);
}

/** Nodes whose kind is a trigger. */
export function triggerNodes<Node extends Pick<FlowNode, 'id' | 'type'>>(flow: { nodes: ReadonlyArray<Node> }): Node[] {
  return flow.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true);
}

/**
 * Every cycle, one per strongly connected component, as the node ids along it (first id not repeated).
 * A self-loop is a cycle of one node. Edges to unknown nodes are ignored.
 */
export function findCycles(nodeIds: ReadonlyArray<string>, edges: ReadonlyArray<EdgeLike>): string[][] {
  const successors = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    if (successors.has(edge.to)) successors.get(edge.from)?.push(edge.to);
  }
  const cycles: string[][] = [];
  for (const component of stronglyConnected(nodeIds, successors)) {
    const first = component[0] as string;
    const selfLoop = successors.get(first)?.includes(first) === true;
    if (component.length === 1 && !selfLoop) continue;
    cycles.push(component.length === 1 ? [first] : pathBack(first, new Set(component), successors));
  }
  return cycles;
}

export function describeCycle(cycle: ReadonlyArray<string>): string {
  return [...cycle, cycle[0]].map((id) => `"${id}"`).join(' → ');
}

/** Tarjan's algorithm, iterative so a long chain of nodes cannot overflow the stack. */
function stronglyConnected(nodeIds: ReadonlyArray<string>, successors: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const targets = successors.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** A shortest path from `start` back to itself inside one component (breadth first). */
function pathBack(start: string, component: Set<string>, successors: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of successors.get(id) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, id);
        queue.push(next);
      }
    }
  }
  return [start];
}
