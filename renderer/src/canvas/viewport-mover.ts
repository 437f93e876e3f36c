// Moves the canvas's viewport element directly while a gesture lasts and hands React Flow the result
// once, at its end (docs/canvas-performance.md). Shared by the gestures that move the view without
// React Flow: a pan on the empty pane and a wheel zoom (./use-viewport-gestures.ts), and the auto-pan
// while a node is dragged at the canvas's edge (./node-drag-pan.ts).
//
// Why: every change of React Flow's transform runs the store selector of every rendered node and edge —
// about 2,000 with the whole 1,000-node flow in view, 33–50 ms a frame even though none re-renders.
// Moving one element's CSS transform (the nodes and edges are its children) and the background pattern's
// offset costs a frame's compositing only.
//
// React Flow renders only the nodes in the view it last knew of. While a gesture shows part of the flow
// outside that view (a pan, a zoom out), it also tells React Flow every SYNC_MS, so that nodes coming
// into view appear while it lasts. Within that view (a zoom in), or with every node rendered, nothing
// can appear, and it tells React Flow only at the end.
import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';
import { createBackgroundDots } from './background-dots.js';
import { shownRect, within, type FlowRect, type Viewport } from './viewport-math.js';

/** How often a gesture hands its viewport to React Flow while nodes outside the view are not rendered. */
const SYNC_MS = 100;

export type FlowStoreApi = ReturnType<typeof useStoreApi>;

export interface Gesture {
  view: Viewport;
  /** What React Flow last rendered the nodes for. */
  known: FlowRect;
  /** The pointer that pans, with where it started and the viewport then. */
  pan?: { pointerId: number; startX: number; startY: number; from: Viewport };
  wheelTimer?: ReturnType<typeof setTimeout>;
  /** Whether some nodes are not rendered, so the gesture must tell React Flow as it goes. */
  partial: boolean;
  lastSync: number;
}

export interface ViewportMover {
  /** The gesture under way, if any. */
  active(): Gesture | undefined;
  /** The gesture under way, or a new one from React Flow's viewport. */
  begin(): Gesture;
  /** Shows `next` and makes it the gesture's viewport (telling React Flow as it goes when some nodes are not rendered). */
  move(next: Viewport): void;
  /** Ends the gesture: React Flow gets its viewport. */
  end(): void;
  /** Ends a gesture that moved nothing, without telling React Flow (a click on the empty pane). */
  cancel(): void;
  /** React Flow's viewport, which lags the shown one during a gesture. */
  flowViewport(): Viewport;
}

export interface MoverOptions {
  backgroundGap: number;
  onStart: () => void;
  onEnd: () => void;
  /** A gesture is handing React Flow its view before the end (some nodes are not rendered). */
  onSync: () => void;
}

export function createViewportMover(root: HTMLElement, flowStore: FlowStoreApi, setViewport: ReactFlowInstance['setViewport'], options: MoverOptions): ViewportMover {
  const { backgroundGap, onStart, onEnd, onSync } = options;
  let gesture: Gesture | undefined;
  const background = createBackgroundDots(root, backgroundGap);

  const flowViewport = (): Viewport => {
    const [x, y, zoom] = flowStore.getState().transform;
    return { x, y, zoom };
  };
  const begin = (): Gesture => {
    if (gesture) return gesture;
    const state = flowStore.getState();
    const rendered = root.querySelectorAll('.react-flow__node').length;
    const view = flowViewport();
    gesture = { view, known: shownRect(view, state.width, state.height), partial: rendered < state.nodeLookup.size, lastSync: performance.now() };
    onStart();
    return gesture;
  };
  let viewportElement: HTMLElement | null = null;
  const show = (view: Viewport): void => {
    if (!viewportElement?.isConnected) viewportElement = root.querySelector<HTMLElement>('.react-flow__viewport');
    const viewport = viewportElement;
    // The very string React Flow's viewport renders, so its next render of the same transform changes nothing.
    if (viewport) viewport.style.transform = `translate(${view.x}px,${view.y}px) scale(${view.zoom})`;
    background.show(view);
  };
  const move = (next: Viewport): void => {
    const active = begin();
    active.view = next;
    show(next);
    if (!active.partial) return;
    const now = performance.now();
    if (now - active.lastSync < SYNC_MS) return;
    const { width, height } = flowStore.getState();
    const shown = shownRect(next, width, height);
    if (within(shown, active.known)) return;
    active.lastSync = now;
    active.known = shown;
    onSync();
    background.redraw(next);
    void setViewport(next);
  };
  const end = (): void => {
    const active = gesture;
    if (!active) return;
    if (active.wheelTimer !== undefined) clearTimeout(active.wheelTimer);
    gesture = undefined;
    background.settle(active.view);
    void setViewport(active.view);
    onEnd();
  };
  const cancel = (): void => {
    if (!gesture) return;
    if (gesture.wheelTimer !== undefined) clearTimeout(gesture.wheelTimer);
    background.settle(gesture.view);
    gesture = undefined;
    onEnd();
  };
  return { active: () => gesture, begin, move, end, cancel, flowViewport };
}

