import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, isVisibleOn, parseWindowState, restoreWindowBounds } from '../../../main/electron/window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('restores the saved bounds on a display that is still there', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: false };
    expect(restoreWindowBounds(saved, [laptop, rightMonitor])).toEqual(saved.bounds);
  });

  it('ignores a position on a display that is gone, keeping the size within the screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: false };
    expect(restoreWindowBounds(saved, [laptop])).toEqual({ width: 1440, height: 870 });
  });

  it('ignores a window whose title bar is off-screen (only its bottom edge showing)', () => {
    const saved = { bounds: { x: 100, y: -860, width: 1000, height: 900 }, maximized: false };
    expect(isVisibleOn(saved.bounds, laptop)).toBe(false);
    expect(restoreWindowBounds(saved, [laptop])).toEqual({ width: 1000, height: 870 });
  });

  it('keeps a window that hangs partly off the edge but can still be grabbed', () => {
    const saved = { bounds: { x: 1200, y: 50, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindowBounds(saved, [laptop])).toEqual(saved.bounds);
  });

  it('uses the default size when nothing was saved', () => {
    expect(restoreWindowBounds(undefined, [rightMonitor])).toEqual(DEFAULT_SIZE);
    expect(restoreWindowBounds(undefined, [laptop])).toEqual({ width: 1400, height: 870 });
  });

  it('reads back only well-formed saved state', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true })).toEqual({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true });
    for (const bad of [undefined, null, 'x', {}, { bounds: { x: 1, y: 2, width: 0, height: 4 } }, { bounds: { x: 'a', y: 2, width: 3, height: 4 } }, { bounds: { x: Infinity, y: 2, width: 3, height: 4 } }]) {
      expect(parseWindowState(bad)).toBeUndefined();
    }
  });
});
