// Pan (a drag on the empty pane) and wheel zoom that move the canvas's viewport element directly while
// the gesture lasts, and hand React Flow the result once, at its end (./viewport-mover.ts says why).
// React Flow's own pan-on-drag and zoom-on-scroll are off (flow-canvas.tsx); these handlers keep their
// behaviour: the left or middle button on the empty pane pans, the wheel anywhere over the flow zooms
// about the pointer, within the zoom bounds. The auto-pan while a node is dragged at the canvas's edge
// moves the view the same way (./node-drag-pan.ts); the hook returns its handle for React Flow's drag
// callbacks.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { createNodeDragPan, type NodeDragPan } from './node-drag-pan.js';
import { createViewportMover } from './viewport-mover.js';
import { wheelZoom } from './viewport-math.js';

/** Wheel events further apart than this end a wheel zoom. */
const WHEEL_END_MS = 150;
/** A trackpad pinch on macOS comes as wheel events with ctrlKey and small deltas: React Flow speeds those up tenfold. */
const PINCH_FACTOR = /Mac/.test(navigator.platform) ? 10 : 1;

export interface ViewportGestureOptions {
  backgroundGap: number;
  onStart: () => void;
  onEnd: () => void;
  /** Auto-pan moved the view while nodes are dragged: move them by (dx, dy) in flow units to keep them under the pointer. */
  onAutoPan: (dx: number, dy: number) => void;
  /** A gesture hands React Flow its view before it ends (./viewport-mover.ts). */
  onSync: () => void;
}

/** What React Flow's drag callbacks use of the auto-pan; the hook's effect disposes of it. */
export type NodeDragHandle = Omit<NodeDragPan, 'dispose'>;

export function useViewportGestures(area: RefObject<HTMLElement | null>, options: ViewportGestureOptions): NodeDragHandle {
  const flowStore = useStoreApi();
  const { setViewport } = useReactFlow();
  const { backgroundGap, onStart, onEnd, onAutoPan, onSync } = options;
  const dragPan = useRef<NodeDragPan | undefined>(undefined);

  useEffect(() => {
    const root = area.current;
    if (!root) return;
    const mover = createViewportMover(root, flowStore, setViewport, { backgroundGap, onStart, onEnd, onSync });
    dragPan.current = createNodeDragPan(root, mover, flowStore, onAutoPan);

    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Element | null;
      if (!target?.classList.contains('react-flow__pane') || (event.button !== 0 && event.button !== 1) || event.shiftKey || !event.isPrimary) return;
      if (mover.active()?.pan) return;
      // A wheel zoom still settling ends first: the pan starts from where it left the view.
      mover.end();
      const active = mover.begin();
      active.pan = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from: active.view };
      target.setPointerCapture(event.pointerId);
      root.classList.add('is-panning');
      if (event.button === 1) event.preventDefault(); // no autoscroll
    };
    const onPointerMove = (event: PointerEvent): void => {
      const pan = mover.active()?.pan;
      if (!pan || event.pointerId !== pan.pointerId) return;
      mover.move({ x: pan.from.x + event.clientX - pan.startX, y: pan.from.y + event.clientY - pan.startY, zoom: pan.from.zoom });
    };
    const onPointerUp = (event: PointerEvent): void => {
      const active = mover.active();
      const pan = active?.pan;
      if (!active || !pan || event.pointerId !== pan.pointerId) return;
      root.classList.remove('is-panning');
      // A click on the empty pane (it deselects) moved nothing: nothing to hand over.
      if (active.view.x !== pan.from.x || active.view.y !== pan.from.y) mover.end();
      else mover.cancel();
    };
    const onWheel = (event: WheelEvent): void => {
      const target = event.target as Element | null;
      const pane = root.querySelector('.react-flow__pane');
      if (!target || !pane?.contains(target) || target.closest('.nowheel') || mover.active()?.pan) return;
      event.preventDefault();
      event.stopPropagation();
      const state = flowStore.getState();
      const active = mover.begin();
      const box = pane.getBoundingClientRect();
      mover.move(wheelZoom(active.view, event.deltaY * (event.ctrlKey ? PINCH_FACTOR : 1), event.deltaMode, event.clientX - box.left, event.clientY - box.top, state.minZoom, state.maxZoom));
      if (active.wheelTimer !== undefined) clearTimeout(active.wheelTimer);
      active.wheelTimer = setTimeout(mover.end, WHEEL_END_MS);
    };

    root.addEventListener('pointerdown', onPointerDown, true);
    root.addEventListener('pointermove', onPointerMove, true);
    root.addEventListener('pointerup', onPointerUp, true);
    root.addEventListener('pointercancel', onPointerUp, true);
    // Not passive: the page must not scroll. Captured: React Flow's own wheel handling never sees it.
    root.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      dragPan.current?.dispose();
      dragPan.current = undefined;
      mover.end();
      root.removeEventListener('pointerdown', onPointerDown, true);
      root.removeEventListener('pointermove', onPointerMove, true);
      root.removeEventListener('pointerup', onPointerUp, true);
      root.removeEventListener('pointercancel', onPointerUp, true);
      root.removeEventListener('wheel', onWheel, { capture: true });
    };
  }, [area, flowStore, setViewport, backgroundGap, onStart, onEnd, onAutoPan, onSync]);

  // A stable handle for React Flow's drag callbacks; the effect above may create the auto-pan anew.
  return useMemo(
    (): NodeDragHandle => ({
      start: (clientX, clientY) => dragPan.current?.start(clientX, clientY),
      stop: () => dragPan.current?.stop(),
      toShown: (position) => dragPan.current?.toShown(position) ?? position,
    }),
    [],
  );
}
