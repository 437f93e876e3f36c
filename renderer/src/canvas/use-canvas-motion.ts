// What moves the canvas's view, gathered for flow-canvas.tsx: the pan, the wheel zoom and the auto-pan
// while nodes are dragged (./use-viewport-gestures.ts), and the `is-moving` mark that canvas.css uses to
// make the nodes one layer that only moves.
//
// The mark is set straight on the element: a React state would re-render the canvas at the start and
// end of every pan. React Flow moves the view for the rest (the controls, the minimap, Fit View, a
// double click) and reports it through onMoveStart/onMoveEnd; it also hears of a gesture as it goes,
// which must not end the gesture's mark.
import { useCallback, useRef, type RefObject } from 'react';
import { useViewportGestures } from './use-viewport-gestures.js';

/** The background's dot spacing, which ./background-dots.ts draws too while the view moves. */
export const BACKGROUND_GAP = 16;

export function useCanvasMotion(area: RefObject<HTMLElement | null>, options: { onAutoPan: (dx: number, dy: number) => void; onSync: () => void }) {
  const inGesture = useRef(false);
  const onMoveStart = useCallback(() => area.current?.classList.add('is-moving'), [area]);
  const onMoveEnd = useCallback(() => {
    if (!inGesture.current) area.current?.classList.remove('is-moving');
  }, [area]);
  const onStart = useCallback(() => {
    inGesture.current = true;
    area.current?.classList.add('is-moving');
  }, [area]);
  const onEnd = useCallback(() => {
    inGesture.current = false;
    area.current?.classList.remove('is-moving');
  }, [area]);
  const dragPan = useViewportGestures(area, { backgroundGap: BACKGROUND_GAP, onStart, onEnd, onAutoPan: options.onAutoPan, onSync: options.onSync });

  // React Flow passes the DOM event the drag started with (typed as React's): a mouse or a touch event.
  const onDragStart = useCallback(
    (event: { clientX?: number; clientY?: number; touches?: ArrayLike<{ clientX: number; clientY: number }> }) => {
      const point = event.touches?.[0] ?? event;
      dragPan.start(point.clientX ?? 0, point.clientY ?? 0);
    },
    [dragPan],
  );

  return { onMoveStart, onMoveEnd, onDragStart, onDragStop: dragPan.stop, toShown: dragPan.toShown };
}
