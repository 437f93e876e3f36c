// How the command prints a problem: one line each, led by where it is, so editors and terminals can
// jump to it. `flows/orders.flow.json:nodes[1].config.expression:13-16 JSONATA_SYNTAX message`,
// `orders.jsonl:7:3 INPUT_INVALID_JSON message`, `orders.json: INPUT_NOT_FOUND message`, or
// `pipewright: CODE message` when there is no file.
// Ranges are 1-based character positions inside the expression (inclusive), as an editor shows them.
import type { ErrorLocation, Problem, TextRange } from '../../../shared/errors.js';
import { isPipewrightError } from '../../../shared/errors.js';

export const PREFIX = 'pipewright';

export function formatRange(range: TextRange): string {
  const first = range.start + 1;
  const last = Math.max(range.end, first);
  return last === first ? String(first) : `${first}-${last}`;
}

/** `file:line:column:path:range`, or without a file just what is left (possibly nothing). */
function where(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.line !== undefined) parts.push(String(location.line), ...(location.column !== undefined ? [String(location.column)] : []));
  if (location.path) parts.push(location.path);
  if (location.range) parts.push(formatRange(location.range));
  return parts.join(':');
}

export function formatProblem(problem: Problem): string {
  const place = where(problem);
  const text = `${problem.code} ${oneLine(problem.message)}`;
  if (problem.file === undefined) return `${PREFIX}: ${place === '' ? '' : `${place} `}${text}`;
  // A bare file name gets a colon, so every line starts with "<where>: " or "<file>:<where> ".
  return place === problem.file ? `${place}: ${text}` : `${place} ${text}`;
}

/** Every line to print for an error: one per problem, or one for the error itself. */
export function formatError(error: unknown): string[] {
  if (isPipewrightError(error)) {
    if (error.problems && error.problems.length > 0) {
      const lines = error.problems.map(formatProblem);
      // The summary line adds nothing when it would just repeat the single problem.
      if (error.problems.length > 1 || error.problems[0]?.code !== error.code) lines.unshift(`${PREFIX}: ${error.code} ${oneLine(error.message)}`);
      return lines;
    }
    return [formatProblem({ code: error.code, message: error.message, ...(error.location ?? {}) })];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [`${PREFIX}: ${oneLine(message)}`];
}

/** Problems stay one line each even when a library's message spans several. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The expression with a caret line under the error range, for `eval`:
 *   $sum(lines.(qty*price}
 *                        ^
 */
export function caretLines(expression: string, range: TextRange): string[] {
  const lines = expression.split('\n');
  let offset = 0;
  for (const line of lines) {
    const end = offset + line.length;
    if (range.start <= end) {
      const column = Math.max(0, range.start - offset);
      const width = Math.max(1, Math.min(range.end, end) - range.start);
      return [`  ${line}`, `  ${' '.repeat(column)}${'^'.repeat(width)}`];
    }
    offset = end + 1;
  }
  return [`  ${lines.at(-1) ?? ''}`, `  ${' '.repeat((lines.at(-1) ?? '').length)}^`];
}
