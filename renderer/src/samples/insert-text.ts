// Inserting a field path into an expression at the cursor: the selection is replaced and the cursor
// lands after the inserted text. Used for the plain text area that stands in until Monaco loads (the
// Monaco editor does the same with its own edit operation).

export interface TextEdit {
  value: string;
  /** Cursor offset after the edit. */
  cursor: number;
}

export function insertAt(value: string, selectionStart: number, selectionEnd: number, text: string): TextEdit {
  const start = clamp(Math.min(selectionStart, selectionEnd), value.length);
  const end = clamp(Math.max(selectionStart, selectionEnd), value.length);
  return { value: `${value.slice(0, start)}${text}${value.slice(end)}`, cursor: start + text.length };
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(offset, length));
}
