// Parses a flow file's text: JSON syntax first (one problem with line and column), then every
// document problem from validateFlow. The flow id must equal the file stem (`orders.flow.json` → `orders`).
import type { Problem } from '../errors.js';
import type { ValidFlow } from './valid-flow.js';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax.js';
import { validateFlow } from './validate.js';

export const FLOW_FILE_SUFFIX = '.flow.json';

export interface ParseOptions {
  /** The id the flow must have; by default the stem of `file` when it ends in `.flow.json`. `null` skips the check. */
  expectedId?: string | null;
}

export function parseFlowText(text: string, file?: string, options: ParseOptions = {}): { flow?: ValidFlow; problems: Problem[] } {
  // Editors on Windows may save a byte order mark, which JSON.parse rejects; it is not content.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    return { problems: [jsonProblem(body, error, file)] };
  }
  const expectedId = options.expectedId === undefined ? flowIdFromFile(file) : (options.expectedId ?? undefined);
  const validateOptions: { file?: string; expectedId?: string } = {};
  if (file !== undefined) validateOptions.file = file;
  if (expectedId !== undefined) validateOptions.expectedId = expectedId;
  return validateFlow(doc, validateOptions);
}

/** `flows/orders.flow.json` → `orders`; undefined for other names. */
export function flowIdFromFile(file: string | undefined): string | undefined {
  if (file === undefined || !file.endsWith(FLOW_FILE_SUFFIX)) return undefined;
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return name.slice(0, -FLOW_FILE_SUFFIX.length) || undefined;
}

function jsonProblem(body: string, error: unknown, file: string | undefined): Problem {
  const found = findJsonSyntaxError(body);
  const message = found?.message ?? (error instanceof Error ? error.message : String(error));
  const problem: Problem = { code: 'JSON_SYNTAX', message: `invalid JSON: ${message}`, ...lineAndColumn(body, found?.offset ?? body.length) };
  if (file !== undefined) problem.file = file;
  return problem;
}
