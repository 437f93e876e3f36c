// Parses JSON text a user hands to the command and, when it is malformed, says exactly where:
// `orders.json:3:17 INPUT_INVALID_JSON not valid JSON: expected "," …`. The locating is shared/flow's
// (the same one flow files use), so both report syntax errors alike.
import { asErrorCode, PipewrightError, type Problem } from '../../../shared/errors.js';
import { findJsonSyntaxError, lineAndColumn } from '../../../shared/flow/json-syntax.js';

export const INVALID_JSON = 'INPUT_INVALID_JSON';

export function parseJsonText(text: string, file?: string): unknown {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(clean);
  } catch (error) {
    const problem = jsonProblem(clean, error, file);
    throw new PipewrightError(asErrorCode(problem.code), problem.message, { location: problem, problems: [problem] });
  }
}

/** The problem for text that JSON.parse rejected; `lineOffset` shifts line numbers for JSON-lines input. */
export function jsonProblem(text: string, parseError: unknown, file?: string, lineOffset = 0): Problem {
  const found = findJsonSyntaxError(text);
  const message = found?.message ?? (parseError instanceof Error ? parseError.message : String(parseError));
  const { line, column } = lineAndColumn(text, found?.offset ?? 0);
  const hint = text.trim() === '' ? ' (the input is empty)' : '';
  const problem: Problem = { code: INVALID_JSON, message: `not valid JSON: ${message}${hint}`, line: line + lineOffset, column };
  if (file !== undefined) problem.file = file;
  return problem;
}
