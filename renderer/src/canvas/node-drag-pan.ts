// Auto-pan while nodes are dragged near the canvas's edge, done by moving the viewport element
// (./viewport-mover.ts) instead of React Flow's store (docs/canvas-performance.md).
//
// React Flow's own auto-pan (off in flow-canvas.tsx) pans its store once a frame, which runs every
// rendered node's and edge's selector: 33–83 ms a frame with all 1,000 nodes of a big flow in view.
// This one moves the view by the same amount a frame (React Flow's calcAutoPan: up to autoPanSpeed px
// within 40 px of an edge), moves the dragged nodes back by as much so they stay under the pointer
// (`onAutoPan`), and hands React Flow the view when the drag ends.
//
// While it lasts, React Flow's viewport lags the shown one, and React Flow computes a dragged node's
// position from the pointer through its own viewport. `toShown` turns such a position into the one the
// pointer means in the shown view.
import { calcAutoPan } from '@xyflow/system';
import type { FlowStoreApi, ViewportMover } from './viewport-mover.js';

export interface FlowPoint {
  x: number;
  y: number;
}

export interface NodeDragPan {
  /** React Flow began dragging nodes; the pointer is at (clientX, clientY). */
  start(clientX: number, clientY: number): void;
  /** The drag ended: React Flow gets the view auto-pan moved to. */
  stop(): void;
  /** A dragged node's position as React Flow computed it (through its own viewport), in the shown view. */
  toShown(position: FlowPoint): FlowPoint;
  dispose(): void;
}

export function createNodeDragPan(root: HTMLElement, mover: ViewportMover, flowStore: FlowStoreApi, onAutoPan: (dx: number, dy: number) => void): NodeDragPan {
  let dragging = false;
  let frame = 0;
  // The canvas's box when the drag started: React Flow measures positions against the same one.
  let bounds: DOMRect | undefined;
  const pointer = { x: 0, y: 0 };
  // The pointer that pressed last, captured by the canvas while it drags: with a flow's nodes under it,
  // Chromium would otherwise hit-test them all on every move (~3–6 ms with 1,000 in view) to find a
  // target no one listens to. React Flow follows the drag on the window, where the events still arrive.
  let pressed: number | undefined;
  const onPointerDown = (event: PointerEvent): void => {
    pressed = event.pointerId;
  };
  root.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
  const capture = (): void => {
    if (pressed === undefined) return;
    try {
      root.setPointerCapture(pressed);
    } catch {
      // The pointer is no longer pressed (the drag ends as it starts): nothing to capture.
    }
  };

  // On the window: a drag goes on when the pointer leaves the canvas, and React Flow follows it there.
  const onPointerMove = (event: PointerEvent): void => {
    pointer.x = event.clientX;
    pointer.y = event.clientY;
  };
  const tick = (): void => {
    if (!dragging || !bounds) return;
    const [dx = 0, dy = 0] = calcAutoPan({ x: pointer.x - bounds.left, y: pointer.y - bounds.top }, bounds, flowStore.getState().autoPanSpeed);
    if (dx !== 0 || dy !== 0) {
      const { view } = mover.begin();
      mover.move({ x: view.x + dx, y: view.y + dy, zoom: view.zoom });
      onAutoPan(-dx / view.zoom, -dy / view.zoom);
    }
    frame = requestAnimationFrame(tick);
  };
  const stop = (): void => {
    if (!dragging) return;
    dragging = false;
    cancelAnimationFrame(frame);
    window.removeEventListener('pointermove', onPointerMove, true);
    if (pressed !== undefined && root.hasPointerCapture(pressed)) root.releasePointerCapture(pressed);
    mover.end();
  };

  return {
    start(clientX, clientY) {
      if (dragging) stop();
      dragging = true;
      pointer.x = clientX;
      pointer.y = clientY;
      bounds = (root.querySelector('.react-flow') ?? root).getBoundingClientRect();
      window.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
      capture();
      frame = requestAnimationFrame(tick);
    },
    stop,
    toShown(position) {
      const shown = mover.active()?.view;
      const flow = mover.flowViewport();
      if (!shown || !bounds || (shown.x === flow.x && shown.y === flow.y && shown.zoom === flow.zoom)) return position;
      // React Flow put the node at (pointer through its viewport) − (grab offset); the same offset from
      // the pointer through the shown viewport is where the user sees it.
      const px = pointer.x - bounds.left;
      const py = pointer.y - bounds.top;
      return {
        x: position.x + (px - shown.x) / shown.zoom - (px - flow.x) / flow.zoom,
        y: position.y + (py - shown.y) / shown.zoom - (py - flow.y) / flow.zoom,
      };
    },
    dispose() {
      stop();
      root.removeEventListener('pointerdown', onPointerDown, true);
    },
  };
}
