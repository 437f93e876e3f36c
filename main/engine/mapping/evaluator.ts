// The engine's JSONata evaluator (DESIGN.md §5): compiles each expression once (LRU cache keyed by the
// expression text and its limits), enforces a time limit and a depth limit on every evaluation, and
// turns whatever goes wrong into a MappingError with JSONata's code, a readable message and the
// character range inside the expression. One failing evaluation never takes the process down.
//
// Limits: jsonata 2.x has guardrails of its own (`timeout` and `stack` compile options, checked on
// every step of `evaluate`, errors D1012/D1011). They are the same "timebox" the classic
// `__evaluate_entry`/`__evaluate_exit` hooks implement, but scoped to one evaluation rather than to a
// shared compiled expression, so concurrent evaluations of one cached expression cannot disturb each
// other's clocks. Since the options are fixed at compile time, they are part of the cache key.
import jsonata from 'jsonata';
import { parseTemplate } from '../../../shared/jsonata/template.js';
import { checkJsonata } from '../../../shared/jsonata/syntax.js';
import type { TextRange } from '../../../shared/errors.js';
import { MappingError } from '../errors.js';
import type { MappingEvaluator, MappingOptions } from '../types.js';

export const DEFAULT_MAPPING_TIMEOUT_MS = 1000;
export const DEFAULT_MAPPING_MAX_DEPTH = 500;
const DEFAULT_CACHE_SIZE = 1000;

export interface MappingEvaluatorOptions extends MappingOptions {
  /** Compiled expressions kept (least recently used dropped first). */
  cacheSize?: number;
}

type Compiled = ReturnType<typeof jsonata>;

/** The fields of the plain objects jsonata throws. */
interface JsonataErrorShape {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
}

export function createMappingEvaluator(defaults: MappingEvaluatorOptions = {}): MappingEvaluator {
  const cacheSize = Math.max(1, defaults.cacheSize ?? DEFAULT_CACHE_SIZE);
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const cache = new Map<string, Compiled | MappingError>();

  function limitsOf(options: MappingOptions | undefined): { timeout: number; stack: number } {
    return {
      timeout: options?.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_MAPPING_TIMEOUT_MS,
      stack: options?.maxDepth ?? defaults.maxDepth ?? DEFAULT_MAPPING_MAX_DEPTH,
    };
  }

  const defaultLimits = limitsOf(undefined);

  function compile(expression: string, limits: { timeout: number; stack: number }): Compiled {
    // The expression text itself is the key under the default limits: no string building per call.
    const key = limits.timeout === defaultLimits.timeout && limits.stack === defaultLimits.stack ? expression : `\u0000${limits.timeout}:${limits.stack}:${expression}`;
    let entry = cache.get(key);
    if (entry !== undefined) {
      cache.delete(key);
      cache.set(key, entry);
    } else {
      entry = compileUncached(expression, limits);
      cache.set(key, entry);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    // Broken expressions are cached too, so a flow full of bad messages parses the bad text once.
    if (entry instanceof MappingError) throw entry;
    return entry;
  }

  async function evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): Promise<unknown> {
    const limits = options === undefined || (options.timeoutMs === undefined && options.maxDepth === undefined) ? defaultLimits : limitsOf(options);
    let compiled: Compiled;
    try {
      compiled = compile(expression, limits);
    } catch (error) {
      throw withPath(error, options?.path);
    }
    try {
      return await compiled.evaluate(input, bindings);
    } catch (error) {
      throw withPath(runtimeError(expression, error, limits), options?.path);
    }
  }

  async function renderTemplate(template: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): Promise<string> {
    const { parts, error } = parseTemplate(template);
    if (error) throw new MappingError('TEMPLATE', error.message, location({ start: error.start, end: error.end }, options?.path));
    let out = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        out += part.text;
        continue;
      }
      let value: unknown;
      try {
        value = await evaluate(part.expression, input, bindings, { ...options, path: undefined });
      } catch (caught) {
        if (!(caught instanceof MappingError)) throw caught;
        const range = caught.location?.range;
        const shifted = range ? { start: range.start + part.offset, end: range.end + part.offset } : { start: part.offset, end: part.offset + part.expression.length };
        throw new MappingError(caught.jsonataCode, caught.message, location(shifted, options?.path));
      }
      out += templateText(value);
    }
    return out;
  }

  return { evaluate, renderTemplate };
}

/** How a template shows a value: strings as they are, nothing as '', everything else as JSON. */
function templateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '';
  return JSON.stringify(value) ?? '';
}

function compileUncached(expression: string, limits: { timeout: number; stack: number }): Compiled | MappingError {
  try {
    return jsonata(expression, { timeout: limits.timeout, stack: limits.stack });
  } catch (error) {
    // The shared syntax checker computes the same range the validator and the editor show.
    const found = checkJsonata(expression);
    if (found) return new MappingError(found.code, found.message, { range: found.range });
    const raw = asShape(error);
    return new MappingError(typeof raw.code === 'string' ? raw.code : 'S0000', messageOf(error), { range: { start: 0, end: expression.length } });
  }
}

function runtimeError(expression: string, error: unknown, limits: { timeout: number; stack: number }): MappingError {
  if (error instanceof MappingError) return error;
  const raw = asShape(error);
  const code = typeof raw.code === 'string' ? raw.code : undefined;
  const range = rangeOf(expression, raw);
  if (code === 'D1012') {
    return new MappingError('PW-TIMEOUT', `The expression ran longer than its ${limits.timeout} ms time limit and was stopped; look for a runaway recursion or a huge range.`, { range });
  }
  if (code === 'D1011') {
    return new MappingError('PW-DEPTH', `The expression nested deeper than its limit of ${limits.stack} evaluation steps and was stopped; look for a recursive function that never ends.`, { range });
  }
  if (error instanceof RangeError) {
    // The JavaScript stack itself overflowed: an extremely deep payload or recursion inside a built-in.
    return new MappingError('PW-DEPTH', `The expression exceeded the JavaScript stack (${error.message}); the input may be nested too deeply.`, { range });
  }
  if (code === undefined) return new MappingError('PW-ERROR', `The expression failed: ${messageOf(error)}`, { range });
  return new MappingError(code, messageOf(error), { range });
}

/** jsonata's `position` is the offset just after the token; `token` is the offending text when known. */
function rangeOf(expression: string, raw: JsonataErrorShape): TextRange {
  if (typeof raw.position !== 'number' || !Number.isFinite(raw.position)) return { start: 0, end: expression.length };
  const end = Math.min(expression.length, Math.max(0, raw.position));
  const token = typeof raw.token === 'string' ? raw.token : undefined;
  if (token !== undefined && token.length > 0 && token.length <= end) {
    const at = expression.lastIndexOf(token, end);
    if (at !== -1 && at + token.length >= end - 2) return { start: at, end: at + token.length };
  }
  return { start: Math.max(0, end - 1), end };
}

/** The error with the flow path added to its location (a cached compile error is never modified). */
function withPath(error: unknown, path: string | undefined): unknown {
  if (path !== undefined && error instanceof MappingError && error.location?.path === undefined) {
    return new MappingError(error.jsonataCode, error.message, { ...error.location, path });
  }
  return error;
}

function location(range: TextRange, path: string | undefined): { range: TextRange; path?: string } {
  return path === undefined ? { range } : { range, path };
}

function asShape(error: unknown): JsonataErrorShape {
  return typeof error === 'object' && error !== null ? (error as JsonataErrorShape) : {};
}

function messageOf(error: unknown): string {
  const raw = asShape(error);
  return typeof raw.message === 'string' && raw.message !== '' ? raw.message : String(error);
}
