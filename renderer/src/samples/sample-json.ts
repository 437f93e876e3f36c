// Sample input typed or pasted as JSON text: parsed into the message the mapping is tried on, or an
// error that says where the text breaks (line and column) and why, to show beside the text area.
import { findJsonSyntaxError } from '../../../shared/flow/json-syntax.js';

export type SampleParse =
  | { ok: true; value: unknown }
  /** An empty text: the node has no sample. */
  | { ok: true; value: undefined; empty: true }
  | { ok: false; message: string; line: number; column: number; offset: number };

export function parseSampleJson(text: string): SampleParse {
  if (text.trim() === '') return { ok: true, value: undefined, empty: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const offset = found?.offset ?? 0;
    const { line, column } = lineAndColumn(text, offset);
    const reason = found?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, offset, line, column, message: `Line ${line}, column ${column}: ${reason}` };
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** The text shown for a stored sample (two-space JSON, like the flow file). */
export function sampleText(sample: unknown): string {
  return sample === undefined ? '' : (JSON.stringify(sample, null, 2) ?? '');
}
