// The document as React Flow sees it: one React Flow node per flow node (with its kind, ports and
// problems as data) and one edge per flow edge, the edge id being its `edgeKey`. Pure functions, so the
// mapping is tested without a DOM; the canvas memoises them per snapshot.
import type { Edge, Node } from '@xyflow/react';
import type { Problem } from '../../../shared/errors.js';
import { getNodeKind, type NodeCategory } from '../../../shared/catalog/index.js';
import { DEFAULT_PORT, ERROR_PORT, type FlowDocument, type FlowEdge, type FlowNode } from '../../../shared/flow/schema.js';
import { edgeKey } from './changes.js';
import { estimatedGeometry } from './node-geometry.js';
import type { ProblemIndex } from './problems.js';

export const NODE_TYPE = 'pipewright';
export const TARGET_HANDLE = 'in';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  /** The kind's palette title, or the raw type when the catalog does not know it. */
  title: string;
  category: NodeCategory | 'unknown';
  isTrigger: boolean;
  /**
   * A trigger that an edge leads into (the flow is invalid: a trigger takes no input). It gets an input
   * handle in the error colour so that the edge is drawn, to be seen and deleted, not hidden.
   */
  invalidInput: boolean;
  /** Output ports, `error` last. */
  ports: string[];
  problems: readonly Problem[];
}

export type CanvasNode = Node<FlowNodeData, typeof NODE_TYPE>;

export const MISSING_NODE_TYPE = 'missing';

/** A stand-in drawn where an edge names a node the flow does not have, so the edge shows. */
export interface MissingNodeData extends Record<string, unknown> {
  missingId: string;
  /** Ports edges leave it from, `error` last (each needs a handle for its edge to be drawn). */
  ports: string[];
}

export type MissingNodeMarker = Node<MissingNodeData, typeof MISSING_NODE_TYPE>;

/** Everything on the canvas: the flow's nodes and the markers for nodes its edges name but it lacks. */
export type DesignerNode = CanvasNode | MissingNodeMarker;

export interface CanvasEdgeData extends Record<string, unknown> {
  edge: FlowEdge;
  problems: readonly Problem[];
}

export type CanvasEdge = Edge<CanvasEdgeData>;

export interface Dimensions {
  width: number;
  height: number;
}

/** A node's name on screen and for screen readers: its name, else its id. */
export function nodeLabel(node: FlowNode): string {
  return node.name !== undefined && node.name.trim() !== '' ? node.name : node.id;
}

/**
 * Output ports from the kind for this config (a config the schema rejects is read as far as it goes),
 * plus any port an existing edge uses so that edge stays drawn, plus `error`.
 */
export function outputPorts(node: FlowNode, edges: readonly FlowEdge[]): string[] {
  return portsWith(node, edges.filter((edge) => edge.from === node.id).map((edge) => edge.port ?? DEFAULT_PORT));
}

function portsWith(node: FlowNode, usedPorts: Iterable<string>): string[] {
  const kind = getNodeKind(node.type);
  let ports: string[] = [DEFAULT_PORT];
  if (kind) {
    const parsed = kind.configSchema.safeParse(node.config);
    try {
      ports = kind.ports(parsed.success ? parsed.data : node.config);
    } catch {
      ports = kind.ports(kind.defaultConfig);
    }
  }
  const all = new Set(ports.filter((port) => typeof port === 'string' && port !== ERROR_PORT));
  for (const port of usedPorts) if (port !== ERROR_PORT) all.add(port);
  return [...all, ERROR_PORT];
}

export function toCanvasNodes(
  doc: FlowDocument,
  selection: ReadonlySet<string>,
  problems: ProblemIndex,
  measured: ReadonlyMap<string, Dimensions> = new Map(),
): CanvasNode[] {
  return createCanvasNodeCache()(doc, selection, problems, measured);
}

/**
 * `toCanvasNodes` that hands back the same React Flow node object when nothing it shows changed, so
 * dragging one node of a 1,000-node flow re-renders one node, not all of them. Unchanged flow nodes
 * keep their identity through edits (changes are copy-on-write), which is what makes this cheap; the
 * ports (a schema parse per node) are worked out only for a node that changed.
 *
 * `measured` holds the sizes React Flow reported. They are not part of what decides a node changed:
 * React Flow keeps its own measurements, so the first measurement of a big flow re-creates nothing.
 * A node that is re-created for another reason carries its latest size, so React Flow need not
 * measure it again.
 */
export function createCanvasNodeCache() {
  const cache = new Map<string, { node: FlowNode; selected: boolean; problems: readonly Problem[] | undefined; usedPorts: string; targeted: boolean; value: CanvasNode }>();
  return (doc: FlowDocument, selection: ReadonlySet<string>, problems: ProblemIndex, measured: ReadonlyMap<string, Dimensions> = new Map()): CanvasNode[] => {
    const used = new Map<string, string[]>();
    const targets = new Set<string>();
    for (const edge of doc.edges) {
      targets.add(edge.to);
      const list = used.get(edge.from);
      if (list) list.push(edge.port ?? DEFAULT_PORT);
      else used.set(edge.from, [edge.port ?? DEFAULT_PORT]);
    }
    const seen = new Set<string>();
    const nodes = doc.nodes.map((node) => {
      seen.add(node.id);
      const selected = selection.has(node.id);
      const nodeProblems = problems.byNode.get(node.id);
      const ports = used.get(node.id) ?? [];
      const usedPorts = ports.length === 1 ? (ports[0] as string) : ports.join('\n');
      const targeted = targets.has(node.id);
      const hit = cache.get(node.id);
      if (hit && hit.node === node && hit.selected === selected && hit.problems === nodeProblems && hit.usedPorts === usedPorts && hit.targeted === targeted) return hit.value;
      const value = canvasNode(node, portsWith(node, ports), selected, nodeProblems ?? [], measured.get(node.id), targeted);
      cache.set(node.id, { node, selected, problems: nodeProblems, usedPorts, targeted, value });
      return value;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return nodes;
  };
}

function canvasNode(node: FlowNode, ports: string[], selected: boolean, problems: readonly Problem[], size: Dimensions | undefined, targeted: boolean): CanvasNode {
  const kind = getNodeKind(node.type);
  const isTrigger = kind?.isTrigger === true;
  const invalidInput = isTrigger && targeted;
  const value: CanvasNode = {
    id: node.id,
    type: NODE_TYPE,
    position: { x: node.position[0], y: node.position[1] },
    selected,
    ariaLabel: nodeLabel(node),
    data: { node, title: kind?.title ?? node.type, category: kind?.category ?? 'unknown', isTrigger, invalidInput, ports, problems },
  };
  if (size) value.measured = size;
  else {
    // Never measured yet: React Flow gets the size and handles it would measure (see node-geometry.ts).
    const geometry = estimatedGeometry(ports, node.name !== undefined && node.name !== node.id, isTrigger && !invalidInput ? undefined : TARGET_HANDLE);
    value.measured = geometry.measured;
    value.handles = geometry.handles;
  }
  return value;
}

/** The canvas id of the marker for a missing node; a colon never occurs in a node id, so it cannot clash. */
export function missingNodeId(id: string): string {
  return `missing-node:${id}`;
}

const NO_MARKERS: MissingNodeMarker[] = [];
/** How far a marker sits from the node at the edge's other end. */
const MARKER_OFFSET = { x: 280, y: 70 } as const;

/**
 * One marker per id that an edge names and no node has, placed beside the node at the edge's other end
 * (right of a source, left of a target; below one another when several share that node). Not
 * selectable, draggable or deletable: it is not part of the flow; its edges are, and can be deleted.
 */
export function missingNodeMarkers(doc: FlowDocument): MissingNodeMarker[] {
  const byId = new Map(doc.nodes.map((node) => [node.id, node]));
  const missing = new Map<string, { ports: Set<string>; position: [number, number] }>();
  const besideCount = new Map<string, number>();
  const note = (id: string, neighbour: FlowNode | undefined, side: 1 | -1, port: string | undefined) => {
    let entry = missing.get(id);
    if (!entry) {
      const key = neighbour ? `${neighbour.id}:${side}` : '';
      const slot = besideCount.get(key) ?? 0;
      besideCount.set(key, slot + 1);
      const [x, y] = neighbour?.position ?? [0, -2 * MARKER_OFFSET.y];
      entry = { ports: new Set(), position: [x + side * MARKER_OFFSET.x, y + (neighbour ? slot : -slot) * MARKER_OFFSET.y] };
      missing.set(id, entry);
    }
    if (port !== undefined) entry.ports.add(port);
  };
  for (const edge of doc.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!to) note(edge.to, from, 1, undefined);
    if (!from) note(edge.from, to, -1, edge.port ?? DEFAULT_PORT);
  }
  if (missing.size === 0) return NO_MARKERS;
  return [...missing].map(([id, { ports, position }]) => {
    const outputs = [...ports].filter((port) => port !== ERROR_PORT);
    const all = ports.has(ERROR_PORT) ? [...outputs, ERROR_PORT] : outputs;
    const geometry = estimatedGeometry([...outputs, ERROR_PORT], false, TARGET_HANDLE);
    return {
      id: missingNodeId(id),
      type: MISSING_NODE_TYPE,
      position: { x: position[0], y: position[1] },
      selectable: false,
      draggable: false,
      deletable: false,
      connectable: false,
      ariaLabel: `missing node ${id}`,
      measured: geometry.measured,
      handles: geometry.handles,
      data: { missingId: id, ports: all },
    };
  });
}

export function toCanvasEdges(doc: FlowDocument, problems: ProblemIndex, selected: ReadonlySet<string> = new Set()): CanvasEdge[] {
  return createCanvasEdgeCache()(doc, problems, selected);
}

/**
 * `toCanvasEdges` that hands back the same React Flow edge object while its flow edge, problems and
 * selection are unchanged: typing in a mapping of a 1,000-node flow re-renders no edge.
 */
export function createCanvasEdgeCache() {
  const cache = new Map<string, { edge: FlowEdge; problems: readonly Problem[] | undefined; selected: boolean; dangling: number; value: CanvasEdge }>();
  return (doc: FlowDocument, problems: ProblemIndex, selected: ReadonlySet<string> = new Set()): CanvasEdge[] => {
    const seen = new Set<string>();
    const ids = new Set(doc.nodes.map((node) => node.id));
    const edges = doc.edges.map((edge) => {
      const id = edgeKey(edge);
      seen.add(id);
      const edgeProblems = problems.byEdge.get(id);
      const isSelected = selected.has(id);
      // Which ends are missing (bit 1: from, bit 2: to): such an end is drawn to its marker.
      const dangling = (ids.has(edge.from) ? 0 : 1) | (ids.has(edge.to) ? 0 : 2);
      const hit = cache.get(id);
      if (hit && hit.edge === edge && hit.problems === edgeProblems && hit.selected === isSelected && hit.dangling === dangling) return hit.value;
      const value = canvasEdge(edge, id, edgeProblems ?? [], isSelected, dangling);
      cache.set(id, { edge, problems: edgeProblems, selected: isSelected, dangling, value });
      return value;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return edges;
  };
}

function canvasEdge(edge: FlowEdge, id: string, edgeProblems: readonly Problem[], selected: boolean, dangling: number): CanvasEdge {
  const port = edge.port ?? DEFAULT_PORT;
  const classes = [port === ERROR_PORT ? 'edge-error-port' : '', edgeProblems.length > 0 ? 'edge-has-problem' : '', dangling !== 0 ? 'edge-dangling' : ''].filter(Boolean);
  const value: CanvasEdge = {
    id,
    source: dangling & 1 ? missingNodeId(edge.from) : edge.from,
    sourceHandle: port,
    target: dangling & 2 ? missingNodeId(edge.to) : edge.to,
    targetHandle: TARGET_HANDLE,
    selected,
    ariaLabel: `Edge from ${edge.from}${port === DEFAULT_PORT ? '' : ` port ${port}`} to ${edge.to}`,
    data: { edge, problems: edgeProblems },
  };
  if (port !== DEFAULT_PORT) value.label = port;
  if (classes.length > 0) value.className = classes.join(' ');
  return value;
}
