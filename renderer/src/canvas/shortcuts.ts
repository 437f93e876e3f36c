// The designer's keyboard shortcuts, in one list: ./use-canvas-shortcuts.ts dispatches on it, the canvas
// takes its delete keys from it and the shortcut help dialog (../help/shortcut-help.tsx) shows it, so the
// help cannot drift from what the keys do.

export type ShortcutId = 'save' | 'undo' | 'redo' | 'selectAll' | 'copy' | 'paste' | 'delete' | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** As the help shows them; alternatives are separate entries. */
  keys: readonly string[];
  description: string;
  /** True when it also works while typing in a field or editor (only Save). */
  inFields: boolean;
}

/** React Flow deletes the selection on these (flow-canvas.tsx `deleteKeyCode`). */
export const DELETE_KEYS = ['Delete', 'Backspace'];

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'save', keys: ['Ctrl+S'], description: 'Save the flow', inFields: true },
  { id: 'undo', keys: ['Ctrl+Z'], description: 'Undo', inFields: false },
  { id: 'redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'Redo', inFields: false },
  { id: 'selectAll', keys: ['Ctrl+A'], description: 'Select every node', inFields: false },
  { id: 'copy', keys: ['Ctrl+C'], description: 'Copy the selected nodes (as JSON, to paste into another flow)', inFields: false },
  { id: 'paste', keys: ['Ctrl+V'], description: 'Paste nodes', inFields: false },
  { id: 'delete', keys: DELETE_KEYS, description: 'Delete the selected nodes and edges', inFields: false },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts', inFields: false },
];

/** The parts of a keydown a shortcut is read from (a KeyboardEvent has them). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The shortcut a keydown means, read from SHORTCUTS' keys ("Ctrl" is Ctrl or ⌘). Copy, paste and delete
 * come as their own events (clipboard, React Flow), so only the others are matched here.
 */
export function shortcutOf(event: KeyPress): ShortcutId | undefined {
  const mod = event.ctrlKey || event.metaKey;
  for (const shortcut of SHORTCUTS) {
    if (shortcut.id === 'copy' || shortcut.id === 'paste' || shortcut.id === 'delete') continue;
    if (shortcut.keys.some((keys) => matches(keys, event, mod))) return shortcut.id;
  }
  return undefined;
}

function matches(keys: string, event: KeyPress, mod: boolean): boolean {
  const parts = keys.split('+');
  const key = parts[parts.length - 1] as string;
  const wantsMod = parts.includes('Ctrl');
  if (wantsMod !== mod || event.altKey) return false;
  // A typed character ("?") carries its own shift; a letter shortcut says whether it wants Shift.
  if (key.length === 1 && /[a-z]/i.test(key)) return parts.includes('Shift') === event.shiftKey && event.key.toLowerCase() === key.toLowerCase();
  return event.key === key;
}
