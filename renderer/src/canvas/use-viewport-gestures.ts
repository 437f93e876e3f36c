// Pan (a drag on the empty pane) and wheel zoom that move the canvas's viewport element directly while
// the gesture lasts, and hand React Flow the result once, at its end (docs/canvas-performance.md).
//
// Why: every change of React Flow's transform runs the store selector of every rendered node and edge —
// about 2,000 with the whole 1,000-node flow in view, 33–50 ms a frame even though none re-renders.
// Moving one element's CSS transform (the nodes and edges are its children) and the background pattern's
// offset costs a frame's compositing only. React Flow's own pan-on-drag and zoom-on-scroll are off
// (flow-canvas.tsx); these handlers keep their behaviour: the left or middle button on the empty pane
// pans, the wheel anywhere over the flow zooms about the pointer, within the zoom bounds.
//
// React Flow renders only the nodes in the view it last knew of. While a gesture shows part of the flow
// outside that view (a pan, a zoom out), it also tells React Flow every SYNC_MS, so that nodes coming
// into view appear while it lasts. Within that view (a zoom in), or with every node rendered, nothing
// can appear, and it tells React Flow only at the end.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { dotPattern, shownRect, wheelZoom, within, type FlowRect, type Viewport } from './viewport-math.js';

/** Wheel events further apart than this end a wheel zoom. */
const WHEEL_END_MS = 150;
/** How often a gesture hands its viewport to React Flow while nodes outside the view are not rendered. */
const SYNC_MS = 100;
/** A trackpad pinch on macOS comes as wheel events with ctrlKey and small deltas: React Flow speeds those up tenfold. */
const PINCH_FACTOR = /Mac/.test(navigator.platform) ? 10 : 1;

interface Gesture {
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

export function useViewportGestures(area: RefObject<HTMLElement | null>, options: { backgroundGap: number; onStart: () => void; onEnd: () => void }): void {
  const flowStore = useStoreApi();
  const { setViewport } = useReactFlow();
  const { backgroundGap, onStart, onEnd } = options;

  useEffect(() => {
    const root = area.current;
    if (!root) return;
    let gesture: Gesture | undefined;

    const current = (): Viewport => {
      const [x, y, zoom] = flowStore.getState().transform;
      return { x, y, zoom };
    };
    const begin = (): Gesture => {
      if (gesture) return gesture;
      const state = flowStore.getState();
      const rendered = root.querySelectorAll('.react-flow__node').length;
      const view = current();
      gesture = { view, known: shownRect(view, state.width, state.height), partial: rendered < state.nodeLookup.size, lastSync: performance.now() };
      onStart();
      return gesture;
    };
    const show = (view: Viewport): void => {
      const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
      // The very string React Flow's viewport renders, so its next render of the same transform changes nothing.
      if (viewport) viewport.style.transform = `translate(${view.x}px,${view.y}px) scale(${view.zoom})`;
      const pattern = root.querySelector<SVGPatternElement>('.react-flow__background pattern');
      if (pattern) {
        const dots = dotPattern(view, backgroundGap);
        pattern.setAttribute('x', String(dots.x));
        pattern.setAttribute('y', String(dots.y));
        pattern.setAttribute('width', String(dots.size));
        pattern.setAttribute('height', String(dots.size));
        pattern.setAttribute('patternTransform', `translate(-${dots.offset},-${dots.offset})`);
        const circle = pattern.querySelector('circle');
        if (circle) for (const name of ['cx', 'cy', 'r']) circle.setAttribute(name, String(dots.radius));
      }
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
      void setViewport(next);
    };
    const end = (): void => {
      const active = gesture;
      if (!active) return;
      if (active.wheelTimer !== undefined) clearTimeout(active.wheelTimer);
      gesture = undefined;
      void setViewport(active.view);
      onEnd();
    };

    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Element | null;
      if (!target?.classList.contains('react-flow__pane') || (event.button !== 0 && event.button !== 1) || event.shiftKey || !event.isPrimary) return;
      if (gesture?.pan) return;
      // A wheel zoom still settling ends first: the pan starts from where it left the view.
      if (gesture) end();
      const active = begin();
      active.pan = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from: active.view };
      target.setPointerCapture(event.pointerId);
      root.classList.add('is-panning');
      if (event.button === 1) event.preventDefault(); // no autoscroll
    };
    const onPointerMove = (event: PointerEvent): void => {
      const pan = gesture?.pan;
      if (!pan || event.pointerId !== pan.pointerId) return;
      move({ x: pan.from.x + event.clientX - pan.startX, y: pan.from.y + event.clientY - pan.startY, zoom: pan.from.zoom });
    };
    const onPointerUp = (event: PointerEvent): void => {
      const pan = gesture?.pan;
      if (!pan || event.pointerId !== pan.pointerId) return;
      root.classList.remove('is-panning');
      const moved = gesture?.view.x !== pan.from.x || gesture.view.y !== pan.from.y;
      if (moved) end();
      else {
        // A click on the empty pane (it deselects): nothing moved, nothing to hand over.
        gesture = undefined;
        onEnd();
      }
    };
    const onWheel = (event: WheelEvent): void => {
      const target = event.target as Element | null;
      const pane = root.querySelector('.react-flow__pane');
      if (!target || !pane?.contains(target) || target.closest('.nowheel') || gesture?.pan) return;
      event.preventDefault();
      event.stopPropagation();
      const state = flowStore.getState();
      const active = begin();
      const box = pane.getBoundingClientRect();
      move(wheelZoom(active.view, event.deltaY * (event.ctrlKey ? PINCH_FACTOR : 1), event.deltaMode, event.clientX - box.left, event.clientY - box.top, state.minZoom, state.maxZoom));
      if (active.wheelTimer !== undefined) clearTimeout(active.wheelTimer);
      active.wheelTimer = setTimeout(end, WHEEL_END_MS);
    };

    root.addEventListener('pointerdown', onPointerDown, true);
    root.addEventListener('pointermove', onPointerMove, true);
    root.addEventListener('pointerup', onPointerUp, true);
    root.addEventListener('pointercancel', onPointerUp, true);
    // Not passive: the page must not scroll. Captured: React Flow's own wheel handling never sees it.
    root.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      if (gesture) end();
      root.removeEventListener('pointerdown', onPointerDown, true);
      root.removeEventListener('pointermove', onPointerMove, true);
      root.removeEventListener('pointerup', onPointerUp, true);
      root.removeEventListener('pointercancel', onPointerUp, true);
      root.removeEventListener('wheel', onWheel, { capture: true });
    };
  }, [area, flowStore, setViewport, backgroundGap, onStart, onEnd]);
}
