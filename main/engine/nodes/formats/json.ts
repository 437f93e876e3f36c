// JSON and JSON lines. Syntax errors are located by shared/flow's scanner (JSON.parse's own messages
// differ between Node versions and often carry no position), so they read like those of flow files.
import { findJsonSyntaxError, lineAndColumn } from '../../../../shared/flow/json-syntax.js';
import { invalidText, unsupportedData } from './errors.js';

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw invalidText('JSON', 'the text is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidText('JSON', located(text, error));
  }
}

/** One value per non-blank line; an error names the line (and the column inside it). */
export function parseJsonLines(text: string): unknown[] {
  const values: unknown[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      values.push(JSON.parse(line) as unknown);
    } catch (error) {
      const found = findJsonSyntaxError(line);
      const column = (found?.offset ?? 0) + 1 + (raw.length - raw.trimStart().length);
      throw invalidText('JSON lines', `line ${index + 1}, column ${column}: ${found?.message ?? (error as Error).message}`);
    }
  });
  return values;
}

export function serializeJson(data: unknown, pretty: boolean): string {
  if (data === undefined) throw unsupportedData('JSON is written from data, but there is nothing (from yielded no value)');
  return JSON.stringify(data, null, pretty ? 2 : undefined);
}

/** One line per element of an array (one line for any other value), each ended by a newline. */
export function serializeJsonLines(data: unknown): string {
  if (data === undefined) throw unsupportedData('JSON lines are written from data, but there is nothing (from yielded no value)');
  const values = Array.isArray(data) ? data : [data];
  return values.map((value) => `${JSON.stringify(value ?? null)}\n`).join('');
}

function located(text: string, error: unknown): string {
  const found = findJsonSyntaxError(text);
  const { line, column } = lineAndColumn(text, found?.offset ?? 0);
  return `line ${line}, column ${column}: ${found?.message ?? (error as Error).message}`;
}
