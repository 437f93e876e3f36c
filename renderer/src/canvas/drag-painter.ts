// Paints the nodes being dragged, and the edges that end at them, straight into the DOM while the drag
// lasts (docs/canvas-performance.md, "Node drag outside React Flow's store").
//
// Why: handing React Flow a dragged node's position means a new node list for its store, and every
// change of that store runs the selector of every rendered node and edge — about 2,000 with a whole
// 1,000-node flow in view, 5–10 ms a frame here, on every mouse move and every auto-pan frame. A drag
// changes a node's transform and the path of its edges only: those are written here, as React Flow
// writes them (the same strings), and React Flow hears of the positions at the drop, or when the view
// it renders for must follow an auto-pan (./use-drag-positions.ts).
//
// React writes a node's transform or an edge's path only when what it renders changes: when React Flow
// is handed the positions during an auto-pan, its render lands a frame or more after they were painted
// and writes those older ones over newer. A MutationObserver puts the painted ones back before the
// frame is drawn.
import { getBezierPath, type InternalNode } from '@xyflow/react';
import { getEdgePosition } from '@xyflow/system';
import type { Position } from './changes.js';
import type { FlowStoreApi } from './viewport-mover.js';

export interface DragPainter {
  /** Shows the dragged nodes at `positions` (flow units), their edges following. */
  paint(positions: ReadonlyMap<string, Position>): void;
  /** The drag ended: React Flow's next render is the truth again. */
  clear(): void;
}

/** An edge label's place when the drag began: its group's translate, and the label point it was drawn for. */
interface LabelStart {
  tx: number;
  ty: number;
  labelX: number;
  labelY: number;
}

const NO_POSITIONS: ReadonlyMap<string, Position> = new Map();

export function createDragPainter(root: HTMLElement, flowStore: FlowStoreApi): DragPainter {
  const nodeElements = new Map<string, HTMLElement>();
  const edgeElements = new Map<string, SVGGElement>();
  const labelStarts = new Map<string, LabelStart | null>();
  // What was painted, element by element: restored when a render of React Flow's overwrites it.
  const painted = new Map<Element, { name: 'style' | 'd' | 'transform'; value: string }>();
  const observer = new MutationObserver(() => restore());
  const find = <E extends Element>(cache: Map<string, E>, selector: string, id: string): E | undefined => {
    const cached = cache.get(id);
    if (cached?.isConnected) return cached;
    const element = root.querySelector<E>(`${selector}[data-id="${CSS.escape(id)}"]`) ?? undefined;
    if (element) cache.set(id, element);
    else cache.delete(id);
    return element;
  };
  const current = (element: Element, name: 'style' | 'd' | 'transform'): string | null =>
    name === 'style' ? (element as HTMLElement).style.transform : element.getAttribute(name);
  const set = (element: Element, name: 'style' | 'd' | 'transform', value: string): void => {
    if (name === 'style') (element as HTMLElement).style.transform = value;
    else element.setAttribute(name, value);
  };
  const write = (element: Element, name: 'style' | 'd' | 'transform', value: string): void => {
    set(element, name, value);
    // Kept as the element reads it back (the browser normalizes a style), so a restore compares like with like.
    const stored = current(element, name) ?? value;
    if (!painted.has(element)) observer.observe(element, { attributes: true, attributeFilter: [name] });
    painted.set(element, { name, value: stored });
  };
  const restore = (): void => {
    for (const [element, { name, value }] of painted) {
      if (element.isConnected && current(element, name) !== value) set(element, name, value);
    }
    observer.takeRecords();
  };

  const edgePath = (state: ReturnType<FlowStoreApi['getState']>, edgeId: string, positions: ReadonlyMap<string, Position>): [string, number, number] | undefined => {
    const edge = state.edgeLookup.get(edgeId);
    if (!edge || (edge.type !== undefined && edge.type !== 'default')) return undefined;
    const at = (id: string): InternalNode | undefined => {
      const node = state.nodeLookup.get(id);
      const position = positions.get(id);
      if (!node || !position) return node;
      return { ...node, internals: { ...node.internals, positionAbsolute: { x: position[0], y: position[1] } } };
    };
    const sourceNode = at(edge.source);
    const targetNode = at(edge.target);
    if (!sourceNode || !targetNode) return undefined;
    const ends = getEdgePosition({ id: edgeId, sourceNode, targetNode, sourceHandle: edge.sourceHandle ?? null, targetHandle: edge.targetHandle ?? null, connectionMode: state.connectionMode });
    if (!ends) return undefined;
    const curvature = 'pathOptions' in edge ? (edge.pathOptions as { curvature?: number } | undefined)?.curvature : undefined;
    const [d, labelX, labelY] = getBezierPath({ ...ends, curvature });
    return [d, labelX, labelY];
  };

  /** Read once per edge and drag: where its label was drawn, for the path React Flow's store still has. */
  const labelStart = (state: ReturnType<FlowStoreApi['getState']>, edgeId: string, label: Element): LabelStart | null => {
    if (labelStarts.has(edgeId)) return labelStarts.get(edgeId) ?? null;
    const match = /translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)/.exec(label.getAttribute('transform') ?? '');
    const path = match ? edgePath(state, edgeId, NO_POSITIONS) : undefined;
    const start = match && path ? { tx: Number(match[1]), ty: Number(match[2]), labelX: path[1], labelY: path[2] } : null;
    labelStarts.set(edgeId, start);
    return start;
  };

  return {
    paint(positions) {
      const state = flowStore.getState();
      const edges = new Set<string>();
      for (const [id, [x, y]] of positions) {
        const element = find(nodeElements, '.react-flow__node', id);
        // React Flow's own node transform (nodeOrigin [0, 0], no parents on this canvas).
        if (element) write(element, 'style', `translate(${x}px,${y}px)`);
        for (const connection of state.connectionLookup.get(id)?.values() ?? []) edges.add(connection.edgeId);
      }
      for (const edgeId of edges) {
        const group = find(edgeElements, '.react-flow__edge', edgeId);
        if (!group) continue;
        const path = edgePath(state, edgeId, positions);
        if (!path) continue;
        for (const line of group.querySelectorAll('.react-flow__edge-path, .react-flow__edge-interaction')) write(line, 'd', path[0]);
        const label = group.querySelector('.react-flow__edge-textwrapper');
        const start = label ? labelStart(state, edgeId, label) : null;
        if (label && start) write(label, 'transform', `translate(${start.tx + path[1] - start.labelX} ${start.ty + path[2] - start.labelY})`);
      }
    },
    clear() {
      observer.disconnect();
      painted.clear();
      nodeElements.clear();
      edgeElements.clear();
      labelStarts.clear();
    },
  };
}
