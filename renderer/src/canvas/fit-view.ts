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

export interface Bounds extends Size {
  x: number;
  y: number;
}

/** The area the nodes cover, from their positions and sizes (measured, else the usual node size). */
export function contentBounds(positions: Iterable<readonly [number, number]>, size: Size): Bounds {
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
  return minX === Infinity ? { x: 0, y: 0, width: size.width, height: size.height } : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Fitting a flow whole below this zoom shows dots, not nodes (a 1,000-node flow fits at about 0.1). Such
 * a flow opens at START_ZOOM on its start, top left, where a left-to-right flow begins; the minimap
 * shows the rest, and zooming out shows it all. Only the nodes in view are then rendered, which is
 * what makes such a flow open fast.
 */
export const UNREADABLE_ZOOM = 0.25;
export const START_ZOOM = 0.5;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The viewport a flow opens at when fitting it whole would make it unreadable; undefined: fit it whole. */
export function openViewport(bounds: Bounds, canvas: Size): Viewport | undefined {
  if (canvas.width <= 0 || canvas.height <= 0) return undefined;
  const padding = fitPadding(bounds, canvas);
  const inset = (side: `${number}px`) => Number.parseFloat(side);
  const fitZoom = Math.min((canvas.width - inset(padding.left) - inset(padding.right)) / Math.max(1, bounds.width), (canvas.height - inset(padding.top) - inset(padding.bottom)) / Math.max(1, bounds.height));
  if (fitZoom >= UNREADABLE_ZOOM) return undefined;
  return { x: FIT_MARGIN - bounds.x * START_ZOOM, y: FIT_MARGIN - bounds.y * START_ZOOM, zoom: START_ZOOM };
}
