// Sample input typed or pasted as JSON text: parsed into the message the mapping is tried on, or an
// error that says where the text breaks (line and column) and why, to show beside the text area.
import { findJsonSyntaxError } from '../../../shared/flow/json-syntax.js';
import { sampleTextOf } from '../mapping/worker-evaluator.js';

/** Past this much JSON a sample is not shown as text: a text area that big freezes the page for seconds. */
export const EDITABLE_SAMPLE_LIMIT = 256 * 1024;

/** The sample's size as JSON when it is too big to edit as text, else undefined. */
export function oversizedSample(sample: unknown): number | undefined {
  // The compact text is the one the evaluation worker is sent: stringified once per sample.
  const length = sample === undefined ? 0 : (sampleTextOf(sample)?.length ?? 0);
  return length > EDITABLE_SAMPLE_LIMIT ? length : undefined;
}

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
