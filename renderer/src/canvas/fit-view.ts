// Zoom-to-fit that keeps the flow clear of the canvas's overlays. The minimap sits in the bottom-right
// corner; a fit cannot leave out just a corner, so it keeps either a strip on the right or one along
// the bottom free, whichever costs the flow less zoom (a wide flow gives up height, a tall one width).
// The controls (bottom-left) and the toolbar (top-right) fit inside the ordinary margin.

export interface Size {
  width: number;
  height: number;
}

export interface FitPadding {
  top: `${number}px`;
  right: `${number}px`;
  bottom: `${number}px`;
  left: `${number}px`;
}

/** The minimap's size on screen and React Flow's margin around panels. */
export const MINIMAP_SIZE: Size = { width: 160, height: 100 };
const PANEL_MARGIN = 15;
/** Room for the controls and the toolbar on every side. */
export const FIT_MARGIN = 56;

/** Padding for `fitView` when the flow's nodes span `content` (flow units) in a canvas of `canvas` pixels. */
export function fitPadding(content: Size, canvas: Size): FitPadding {
  const beside = Math.max(FIT_MARGIN, MINIMAP_SIZE.width + 2 * PANEL_MARGIN);
  const below = Math.max(FIT_MARGIN, MINIMAP_SIZE.height + 2 * PANEL_MARGIN);
  const zoomFor = (right: number, bottom: number) =>
    Math.min((canvas.width - FIT_MARGIN - right) / Math.max(1, content.width), (canvas.height - FIT_MARGIN - bottom) / Math.max(1, content.height));
  const px = (value: number) => `${value}px` as const;
  return zoomFor(beside, FIT_MARGIN) >= zoomFor(FIT_MARGIN, below)
    ? { top: px(FIT_MARGIN), right: px(beside), bottom: px(FIT_MARGIN), left: px(FIT_MARGIN) }
    : { top: px(FIT_MARGIN), right: px(FIT_MARGIN), bottom: px(below), left: px(FIT_MARGIN) };
}

/** The area the nodes cover, from their positions and sizes (measured, else the usual node size). */
export function contentSize(positions: Iterable<readonly [number, number]>, size: Size): Size {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of positions) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + size.width);
    maxY = Math.max(maxY, y + size.height);
  }
  return minX === Infinity ? { width: size.width, height: size.height } : { width: maxX - minX, height: maxY - minY };
}
