import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutOf } from '../../../renderer/src/canvas/shortcuts.js';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  shortcutOf({ key, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false });

describe('the shortcut list', () => {
  it('every key combination the help shows for a key shortcut is the one the handler acts on', () => {
    for (const shortcut of SHORTCUTS) {
      if (shortcut.id === 'copy' || shortcut.id === 'paste' || shortcut.id === 'delete') continue;
      for (const keys of shortcut.keys) {
        const parts = keys.split('+');
        const key = parts[parts.length - 1] as string;
        const shift = parts.includes('Shift') || key === '?';
        const typed = shift && /^[a-z]$/i.test(key) ? key.toUpperCase() : key.toLowerCase();
        expect(press(typed, { ctrl: parts.includes('Ctrl'), shift }), keys).toBe(shortcut.id);
      }
    }
  });

  it('reads ⌘ as Ctrl, Shift+Z as redo, and leaves other keys alone', () => {
    expect(press('s', { meta: true })).toBe('save');
    expect(press('z', { ctrl: true })).toBe('undo');
    expect(press('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(press('?', { shift: true })).toBe('help');
    expect(press('?', { ctrl: true, shift: true })).toBeUndefined();
    expect(press('s')).toBeUndefined();
    expect(press('a', { ctrl: true, alt: true })).toBeUndefined();
  });
});
