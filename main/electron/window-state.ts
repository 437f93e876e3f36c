// Where the window was: remembered on close, restored on the next start, but only onto a display that
// is still there (a laptop undocked from its second monitor must not open the window off-screen).
// Pure: the displays' work areas are passed in (Electron's `screen.getAllDisplays()`).

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds {
  width: number;
  height: number;
  /** Absent: let the window manager centre the window. */
  x?: number;
  y?: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
/** This much of the window (title bar included) must lie on one display to count as visible. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

/** A saved state read back from JSON, or undefined when it is missing or malformed. */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (!isRectangle(bounds)) return undefined;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized: maximized === true };
}

/**
 * The bounds to open the window with. The saved position is kept only when enough of the window's top
 * edge lies on one of `workAreas`; otherwise the saved size (shrunk to fit the first display) opens
 * centred. Nothing saved: the default size, centred.
 */
export function restoreWindowBounds(saved: WindowState | undefined, workAreas: readonly Rectangle[]): WindowBounds {
  const primary = workAreas[0];
  const size = saved ? { width: saved.bounds.width, height: saved.bounds.height } : { ...DEFAULT_SIZE };
  if (saved && workAreas.some((area) => isVisibleOn(saved.bounds, area))) return { ...saved.bounds };
  if (!primary) return size;
  return { width: Math.min(size.width, primary.width), height: Math.min(size.height, primary.height) };
}

/** true when the window's title bar region overlaps `area` by at least MIN_VISIBLE. */
export function isVisibleOn(bounds: Rectangle, area: Rectangle): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE.height) };
  const overlapWidth = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
  const overlapHeight = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
  return overlapWidth >= Math.min(MIN_VISIBLE.width, bounds.width) && overlapHeight >= Math.min(MIN_VISIBLE.height, bounds.height);
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  return finite(r.x) && finite(r.y) && finite(r.width) && finite(r.height) && (r.width as number) > 0 && (r.height as number) > 0;
}
