// Level of detail by zoom: below UNREADABLE_ZOOM a node's text is a few pixels high and cannot be
// read, so the canvas gets the class `is-overview` and canvas.css hides what is inside the nodes (the
// boxes, their colours and the edges stay). Chromium then paints, layerizes and hit-tests one box per
// node instead of a dozen parts, which is what panning 1,000 nodes at once costs
// (docs/canvas-performance.md). The class is set on the element from a subscription to React Flow's
// store, not through React state: crossing the threshold re-renders nothing.
import { useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { UNREADABLE_ZOOM } from './fit-view.js';

export function useZoomDetail(area: RefObject<HTMLElement | null>): void {
  const flowStore = useStoreApi();
  useEffect(() => {
    let overview: boolean | undefined;
    const update = (zoom: number) => {
      const next = zoom < UNREADABLE_ZOOM;
      if (next === overview) return;
      overview = next;
      area.current?.classList.toggle('is-overview', next);
    };
    update(flowStore.getState().transform[2]);
    return flowStore.subscribe((state) => update(state.transform[2]));
  }, [flowStore, area]);
}
