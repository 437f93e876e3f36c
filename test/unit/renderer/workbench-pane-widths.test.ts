import { describe, expect, it } from 'vitest';
import { DEFAULT_WIDTHS, loadWidths, MIN_WIDTH, moveHandle, saveWidths, STORAGE_KEY } from '../../../renderer/src/workbench/pane-widths.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('workbench pane widths', () => {
  it('moves the handle between two panes and leaves the third alone', () => {
    expect(moveHandle([30, 40, 30], 0, 5)).toEqual([35, 35, 30]);
    expect(moveHandle([30, 40, 30], 1, -10)).toEqual([30, 30, 40]);
  });

  it('never makes a pane narrower than the minimum', () => {
    expect(moveHandle([30, 40, 30], 0, -50)).toEqual([MIN_WIDTH, 40 + 30 - MIN_WIDTH, 30]);
    expect(moveHandle([30, 40, 30], 1, 90)).toEqual([30, 70 - MIN_WIDTH, MIN_WIDTH]);
  });

  it('remembers the widths and opens with them again', () => {
    const storage = memoryStorage();
    saveWidths(storage, [20, 50, 30]);
    expect(loadWidths(storage)).toEqual([20, 50, 30]);
  });

  it('falls back to the defaults for a missing, foreign or broken value', () => {
    expect(loadWidths(memoryStorage())).toEqual(DEFAULT_WIDTHS);
    expect(loadWidths(memoryStorage({ [STORAGE_KEY]: '{not json' }))).toEqual(DEFAULT_WIDTHS);
    expect(loadWidths(memoryStorage({ [STORAGE_KEY]: '[50, 50]' }))).toEqual(DEFAULT_WIDTHS);
    expect(loadWidths(memoryStorage({ [STORAGE_KEY]: '[1, 1, 98]' }))).toEqual(DEFAULT_WIDTHS);
    expect(loadWidths(undefined)).toEqual(DEFAULT_WIDTHS);
  });
});
