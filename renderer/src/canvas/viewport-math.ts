// The arithmetic of ./use-viewport-gestures.ts, kept apart from the DOM (and unit-tested alone): a
// wheel step's zoom about the pointer, the background's dot pattern for a viewport, and which part of
// the flow a viewport shows.

/** React Flow's own wheel step (its wheelDelta): a notch of 100 px zooms by 2^0.2. */
const WHEEL_STEP = 0.002;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The viewport after a wheel step of `deltaY` (pixels) about the point (px, py) of the pane, zoom kept within bounds. */
export function wheelZoom(view: Viewport, deltaY: number, deltaMode: number, px: number, py: number, minZoom: number, maxZoom: number): Viewport {
  const step = -deltaY * (deltaMode === 1 ? 0.05 : deltaMode !== 0 ? 1 : WHEEL_STEP);
  const zoom = Math.min(maxZoom, Math.max(minZoom, view.zoom * 2 ** step));
  const scale = zoom / view.zoom;
  // The flow point under the pointer stays under it.
  return { x: px - (px - view.x) * scale, y: py - (py - view.y) * scale, zoom };
}

/** The background's dot pattern for a viewport, as React Flow's <Background> draws it (variant dots, size 1). */
export function dotPattern(view: Viewport, gap: number): { x: number; y: number; size: number; offset: number; radius: number } {
  const size = gap * view.zoom || 1;
  return { x: view.x % size, y: view.y % size, size, offset: size / 2, radius: view.zoom / 2 };
}

/** The part of the flow a viewport shows, in flow coordinates. */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function shownRect(view: Viewport, width: number, height: number): FlowRect {
  return { x: -view.x / view.zoom, y: -view.y / view.zoom, width: width / view.zoom, height: height / view.zoom };
}

/** Whether `inner` lies within `outer`, give or take a flow pixel of rounding. */
export function within(inner: FlowRect, outer: FlowRect): boolean {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}
