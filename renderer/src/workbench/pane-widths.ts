// The widths of the workbench's three panes (input | expression | output) as percentages of its width:
// moved by dragging a handle or with the arrow keys on it, kept within bounds, and remembered in
// localStorage so the workbench opens as it was left. Pure apart from the storage passed in.

export type PaneWidths = readonly [number, number, number];

export const DEFAULT_WIDTHS: PaneWidths = [28, 40, 32];
export const MIN_WIDTH = 12;
export const STORAGE_KEY = 'pipewright.workbench.panes';

/** Moves the handle between pane `handle` and pane `handle + 1` by `delta` percent. */
export function moveHandle(widths: PaneWidths, handle: 0 | 1, delta: number): PaneWidths {
  const next = [...widths] as [number, number, number];
  const left = next[handle];
  const right = next[handle + 1] as number;
  const moved = Math.max(MIN_WIDTH - left, Math.min(right - MIN_WIDTH, delta));
  next[handle] = round(left + moved);
  next[handle + 1] = round(right - moved);
  return next;
}

/** The part of the DOM's Storage used here (the root typecheck, which runs the unit tests, has no DOM types). */
export interface WidthStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadWidths(storage: Pick<WidthStorage, 'getItem'> | undefined): PaneWidths {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((width) => typeof width === 'number' && width >= MIN_WIDTH)) {
      const total = (parsed as number[]).reduce((sum, width) => sum + width, 0);
      if (Math.abs(total - 100) < 0.5) return parsed as unknown as PaneWidths;
    }
  } catch {
    // A hand-edited or foreign value: the defaults stand.
  }
  return DEFAULT_WIDTHS;
}

export function saveWidths(storage: Pick<WidthStorage, 'setItem'> | undefined, widths: PaneWidths): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(widths));
  } catch {
    // Storage full or forbidden: the widths last for this session only.
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
