// Syntax checks for JSONata expressions and `{{ … }}` templates, with the error's character range, so
// the validator can point at `nodes[3].config.expression` chars 12–14 and the editor can squiggle there.
import jsonata from 'jsonata';
import type { TextRange } from '../errors.js';
import { parseTemplate } from './template.js';

export interface JsonataSyntaxError {
  /** The JSONata error code (`S0201`, …), or `TEMPLATE` for a broken `{{ }}` structure. */
  code: string;
  message: string;
  /** [start, end) inside the checked source; zero-width at the end for "unexpected end". */
  range: TextRange;
}

/** Shape of the errors jsonata throws; `position` is the offset just after the offending token. */
interface JsonataParseError {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
}

/** Sources checked lately and what was found: a flow is re-validated on every edit, its expressions rarely change. */
const checked = new Map<string, JsonataSyntaxError | null>();
const CHECKED_LIMIT = 5000;

export function checkJsonata(source: string): JsonataSyntaxError | undefined {
  let found = checked.get(source);
  if (found === undefined) {
    found = parseProblem(source) ?? null;
    if (checked.size >= CHECKED_LIMIT) checked.delete(checked.keys().next().value as string);
    checked.set(source, found);
  }
  // A copy: callers may shift the range (templates) and must not change the remembered answer.
  return found === null ? undefined : { ...found, range: { ...found.range } };
}

function parseProblem(source: string): JsonataSyntaxError | undefined {
  try {
    jsonata(source);
    return undefined;
  } catch (error) {
    const raw = (typeof error === 'object' && error !== null ? error : {}) as JsonataParseError;
    const code = typeof raw.code === 'string' ? raw.code : 'S0000';
    const message = typeof raw.message === 'string' ? raw.message : String(error);
    return { code, message, range: errorRange(source, raw) };
  }
}

/** Errors of a template, with ranges inside the whole template text (not inside one `{{ }}` part). */
export function checkTemplate(source: string): JsonataSyntaxError[] {
  const { parts, error } = parseTemplate(source);
  const errors: JsonataSyntaxError[] = [];
  for (const part of parts) {
    if (part.kind !== 'expression') continue;
    const found = checkJsonata(part.expression);
    if (found) {
      errors.push({ ...found, range: { start: found.range.start + part.offset, end: found.range.end + part.offset } });
    }
  }
  if (error) errors.push({ code: 'TEMPLATE', message: error.message, range: { start: error.start, end: error.end } });
  return errors;
}

function errorRange(source: string, error: JsonataParseError): TextRange {
  if (typeof error.position !== 'number' || !Number.isFinite(error.position)) return { start: 0, end: source.length };
  const end = clamp(error.position, 0, source.length);
  if (error.token === '(end)') return { start: end, end };
  if (error.token === undefined || error.token === null) return { start: Math.max(0, end - 1), end };
  const token = String(error.token);
  if (source.slice(end - token.length, end) === token) return { start: end - token.length, end };
  // String tokens are reported without their quotes: find the text just before `position` and widen
  // the range over the quotes, so the whole literal is marked.
  const near = source.lastIndexOf(token, end - token.length);
  if (near !== -1 && end - (near + token.length) <= 2) {
    const quote = source[near - 1];
    const quoted = (quote === '"' || quote === "'") && source[near + token.length] === quote;
    return quoted ? { start: near - 1, end: near + token.length + 1 } : { start: near, end: near + token.length };
  }
  return { start: clamp(end - token.length, 0, end), end };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
