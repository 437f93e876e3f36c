// The canvas: React Flow in controlled mode over the canvas store. React Flow's change objects are
// turned into document changes (moves, connects, deletes) or selection; dimensions React Flow measures
// are kept here, since they are view state and never part of the flow file. While the flow is live, the
// nodes carry live health badges (./node-health.ts).
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { DEFAULT_PORT } from '../../../shared/flow/schema.js';
import { edgeKey } from './changes.js';
import type { ApiClient } from '../api/client.js';
import { FlowNodeComponent } from './flow-node.js';
import { MissingNodeComponent } from './missing-node.js';
import { DELETE_KEYS } from './shortcuts.js';
import { createNodeHealthStore } from './node-health.js';
import { NodeHealthContext } from './node-health-badge.js';
import { contentBounds, fitPadding, MINIMAP_SIZE, openViewport } from './fit-view.js';
import { layoutFlow, NODE_HEIGHT, NODE_WIDTH } from './layout.js';
import { createCanvasEdgeCache, createCanvasNodeCache, missingNodeMarkers, NODE_TYPE, TARGET_HANDLE, type CanvasEdge, type DesignerNode, type Dimensions } from './to-react-flow.js';
import { KIND_DRAG_TYPE, useAddNode } from './use-add-node.js';
import { useDragPositions } from './use-drag-positions.js';
import { useNodeHealthPolling } from './use-node-health-polling.js';
import { BACKGROUND_GAP, useCanvasMotion } from './use-canvas-motion.js';
import { useZoomDetail } from './use-zoom-detail.js';
import { useFlowSnapshot, useFlowStore } from './use-flow-store.js';
import './canvas.css';

const nodeTypes: NodeTypes = { pipewright: FlowNodeComponent, missing: MissingNodeComponent };
const minimapStyle = { width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height };
/** Below this canvas size the minimap is not shown. */
const MINIMAP_MIN_CANVAS = { width: 720, height: 420 } as const;

export function FlowCanvas({ colorMode, client }: { colorMode: 'light' | 'dark'; client?: ApiClient | undefined }) {
  const store = useFlowStore();
  const snapshot = useFlowSnapshot();
  const { fitView, setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const { addAtScreenPoint } = useAddNode();
  // Sizes React Flow measured: kept for nodes re-created later, never a reason to re-render (see to-react-flow.ts).
  const measured = useRef(new Map<string, Dimensions>());
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const nodeCache = useMemo(() => createCanvasNodeCache(), []);
  const edgeCache = useMemo(() => createCanvasEdgeCache(), []);
  const canvasWidth = useStore((state) => state.width);
  const canvasHeight = useStore((state) => state.height);

  const area = useRef<HTMLDivElement>(null);
  const { move: moveNodes, shift: shiftDragged, publish: publishDragged, place } = useDragPositions(store, area);
  const documentNodes = useMemo(() => nodeCache(snapshot.doc, snapshot.selection, snapshot.problems, measured.current), [nodeCache, snapshot.doc, snapshot.selection, snapshot.problems]);
  // Markers for nodes that edges name but the flow lacks, so those edges are drawn (./missing-node.tsx).
  const markers = useMemo(() => missingNodeMarkers(snapshot.doc), [snapshot.doc]);
  const nodes = useMemo((): DesignerNode[] => {
    const placed = place(documentNodes);
    return markers.length === 0 ? placed : [...placed, ...markers];
  }, [place, documentNodes, markers]);
  // Never zoom in past 100 % to fit (one node alone would fill the screen); keep clear of the minimap.
  const fitViewOptions = useMemo(() => {
    const content = contentBounds(snapshot.doc.nodes.map((node) => node.position), { width: NODE_WIDTH, height: NODE_HEIGHT });
    return { padding: fitPadding(content, { width: canvasWidth, height: canvasHeight }), maxZoom: 1 };
  }, [snapshot.doc.nodes, canvasWidth, canvasHeight]);
  const edges = useMemo(() => edgeCache(snapshot.doc, snapshot.problems, selectedEdges), [edgeCache, snapshot.doc, snapshot.problems, selectedEdges]);

  // A node or edge the problems list asks for: select it (nodes are selected by the store) and fit the
  // view to it, or to both ends of the edge, never zooming in past 100 %.
  const currentEdges = useRef(edges);
  currentEdges.current = edges;
  useEffect(
    () =>
      store.onReveal((target) => {
        const edge = target.kind === 'edge' ? currentEdges.current.find((candidate) => candidate.id === target.key) : undefined;
        setSelectedEdges(edge ? new Set([edge.id]) : new Set());
        const ids = target.kind === 'node' ? [target.id] : edge ? [edge.source, edge.target] : [];
        if (ids.length > 0) void fitView({ nodes: ids.map((id) => ({ id })), maxZoom: 1, padding: 0.4 });
      }),
    [store, fitView],
  );

  const { onMoveStart, onMoveEnd, onDragStart, onDragStop, toShown } = useCanvasMotion(area, { onAutoPan: shiftDragged, onSync: publishDragged });
  const onNodeDragStop = useCallback(() => {
    onDragStop();
    store.seal();
  }, [onDragStop, store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      const moves: Array<{ id: string; position: [number, number] }> = [];
      let dragging = false;
      const selection = new Set(store.getSnapshot().selection);
      let selectionChanged = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          // Where the user sees the node: auto-pan may have moved the view past React Flow's (./node-drag-pan.ts).
          const at = change.dragging === true ? toShown(change.position) : change.position;
          moves.push({ id: change.id, position: [at.x, at.y] });
          dragging ||= change.dragging === true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          measured.current.set(change.id, change.dimensions);
        } else if (change.type === 'select' && selection.has(change.id) !== change.selected) {
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
          selectionChanged = true;
        }
        // 'remove' arrives through onDelete as one step with the edges; 'add'/'replace' never come from React Flow itself.
      }
      if (moves.length > 0) moveNodes(moves, dragging);
      if (selectionChanged) store.select(selection);
    },
    [store, moveNodes, toShown],
  );

  useZoomDetail(area);
  const health = useMemo(() => createNodeHealthStore(), []);
  useNodeHealthPolling(client, store, health, area, snapshot.doc.id);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    setSelectedEdges((previous) => {
      const next = new Set(previous);
      for (const change of changes) {
        if (change.type !== 'select') continue;
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next.size === previous.size && [...next].every((id) => previous.has(id)) ? previous : next;
    });
  }, []);

  const onDelete = useCallback(
    ({ nodes: removedNodes, edges: removedEdges }: { nodes: DesignerNode[]; edges: CanvasEdge[] }) => {
      store.remove(
        removedNodes.flatMap((node) => (node.type === NODE_TYPE ? [node.id] : [])),
        removedEdges.flatMap((edge) => (edge.data ? [edge.data.edge] : [])),
      );
      setSelectedEdges(new Set());
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const edge = { from: connection.source, port: connection.sourceHandle ?? DEFAULT_PORT, to: connection.target };
      if (store.getSnapshot().doc.edges.some((existing) => edgeKey(existing) === edgeKey(edge))) return;
      store.connect(edge);
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: Connection | CanvasEdge) => connection.source !== connection.target && (connection.targetHandle ?? TARGET_HANDLE) === TARGET_HANDLE,
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      addAtScreenPoint(type, { x: event.clientX, y: event.clientY });
    },
    [addAtScreenPoint],
  );

  const autoLayout = useCallback(async () => {
    const { doc } = store.getSnapshot();
    const positions = await layoutFlow(doc, measured.current);
    store.moveNodes([...positions].map(([id, position]) => ({ id, position })));
    window.requestAnimationFrame(() => void fitView(fitViewOptions));
  }, [store, fitView, fitViewOptions]);

  // A newly opened flow is shown whole, or from its start when whole would be unreadable (see
  // openViewport); edits never move the viewport.
  const fitOnOpen = useRef(fitViewOptions);
  fitOnOpen.current = fitViewOptions;
  // A layout effect: the start viewport is in place before the first frame of the new flow is painted.
  useLayoutEffect(() => {
    const { doc } = store.getSnapshot();
    if (doc.nodes.length === 0) return;
    const { width, height } = flowStore.getState();
    const start = openViewport(contentBounds(doc.nodes.map((node) => node.position), { width: NODE_WIDTH, height: NODE_HEIGHT }), { width, height });
    if (start) {
      void setViewport(start);
      return;
    }
    const frame = window.requestAnimationFrame(() => void fitView(fitOnOpen.current));
    return () => window.cancelAnimationFrame(frame);
  }, [snapshot.generation, store, flowStore, fitView, setViewport]);

  const empty = snapshot.doc.nodes.length === 0;
  // On a small canvas (a small window, or a bottom panel open) the minimap would sit on the nodes, which
  // the fitted view placed before the canvas shrank; it is left out there, the Controls still fit the view.
  const showMinimap = canvasWidth >= MINIMAP_MIN_CANVAS.width && canvasHeight >= MINIMAP_MIN_CANVAS.height;
  return (
    <NodeHealthContext.Provider value={health}>
      <div className="canvas-area" ref={area} onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<DesignerNode, CanvasEdge>
          aria-label="Flow canvas"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onEdgesChange={onEdgesChange}
          autoPanOnNodeDrag={false}
          onNodeDragStart={onDragStart}
          onSelectionDragStart={onDragStart}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStop={onNodeDragStop}
          onDelete={onDelete}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          deleteKeyCode={DELETE_KEYS}
          colorMode={colorMode}
          fitViewOptions={fitViewOptions}
          onlyRenderVisibleElements
          panOnDrag={false}
          zoomOnScroll={false}
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={BACKGROUND_GAP} />
          {showMinimap && <MiniMap pannable zoomable ariaLabel="Minimap" style={minimapStyle} />}
          <Controls />
          <Panel position="top-right" className="canvas-toolbar">
            <button type="button" className="button" onClick={() => void autoLayout()} disabled={empty}>
              Auto layout
            </button>
          </Panel>
        </ReactFlow>
        {empty && (
          <div className="canvas-empty" aria-live="polite">
            <div className="canvas-empty-card">
              <h2>Start with a trigger</h2>
              <p>Drag <strong>Manual trigger</strong> from the palette on the left onto this canvas, or click it to add it here. Then add a <strong>Map</strong> and drag from the trigger's right edge to the Map to connect them.</p>
            </div>
          </div>
        )}
      </div>
    </NodeHealthContext.Provider>
  );
}
