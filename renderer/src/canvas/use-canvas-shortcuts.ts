// Keyboard shortcuts of the canvas, as listed in ./shortcuts.ts: undo/redo, select all, save, shortcut
// help, and copy/paste through the system clipboard (the clipboard holds the selection as JSON, so it
// can be pasted into another window or flow). Keys typed into a text field or an editor are left alone
// (Save aside).
import { useEffect, useRef } from 'react';
import { isFlowClipboard, type FlowClipboard } from './clipboard.js';
import { SHORTCUTS, shortcutOf } from './shortcuts.js';
import type { FlowStore } from './store.js';

const CLIPBOARD_MIME = 'application/x-pipewright-clipboard';

export function useCanvasShortcuts(store: FlowStore, actions: { save: () => void; showHelp: () => void }): void {
  // The last copy, for environments where the system clipboard refuses custom data.
  const lastCopy = useRef<FlowClipboard | undefined>(undefined);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const id = shortcutOf(event);
      if (id === undefined) return;
      if (!SHORTCUTS.some((shortcut) => shortcut.id === id && shortcut.inFields) && isEditing(event.target)) return;
      if (id === 'save') actions.save();
      else if (id === 'undo') store.undo();
      else if (id === 'redo') store.redo();
      else if (id === 'selectAll') store.selectAll();
      else if (id === 'help') actions.showHelp();
      else return;
      event.preventDefault();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isEditing(event.target) || store.getSnapshot().selection.size === 0) return;
      const clip = store.copy();
      lastCopy.current = clip;
      const text = JSON.stringify(clip);
      event.clipboardData?.setData(CLIPBOARD_MIME, text);
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isEditing(event.target)) return;
      const clip = readClipboard(event.clipboardData) ?? lastCopy.current;
      if (!clip) return;
      store.paste(clip);
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('copy', onCopy);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('copy', onCopy);
      window.removeEventListener('paste', onPaste);
    };
  }, [store, actions]);
}

function readClipboard(data: DataTransfer | null): FlowClipboard | undefined {
  const text = data?.getData(CLIPBOARD_MIME) || data?.getData('text/plain');
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isFlowClipboard(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.monaco-editor') !== null;
}
