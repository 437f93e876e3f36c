// JSONata evaluation under the engine's limits (DESIGN.md §5), in one place for every host: the engine
// (main/engine/mapping/evaluator.ts wraps it in MappingError) and the designer's evaluation worker
// (renderer/src/mapping/evaluation-host.ts), so the live output pane fails exactly as a run would.
// Compiles each expression once (LRU cache keyed by the text and its limits), enforces a time limit and
// a depth limit on every evaluation, and turns whatever goes wrong into a JsonataFailure with JSONata's
// code, a readable message and the character range inside the expression. Pure TypeScript: no Node.
//
// Speed: each expression is also handed to the JSONata compiler (./compile/, docs/jsonata-compiler.md)
// once; when it compiles, evaluations run the synchronous closure, with the same limits through an
// evaluation guard, and jsonata (still the reference) evaluates only what the compiler left to it.
//
// Limits: jsonata 2.x has guardrails of its own (`timeout` and `stack` compile options, checked on
// every step of `evaluate`, errors D1012/D1011). They are the same "timebox" the classic
// `__evaluate_entry`/`__evaluate_exit` hooks implement, but scoped to one evaluation rather than to a
// shared compiled expression, so concurrent evaluations of one cached expression cannot disturb each
// other's clocks. Since the options are fixed at compile time, they are part of the cache key.
import jsonata from 'jsonata';
import type { TextRange } from '../errors.js';
import { compileJsonata } from './compile/compile.js';
import { NeedsInterpreter, type CompiledExpression } from './compile/contract.js';
import { createEvaluationGuard } from './compile/guard.js';
import { runawayRisk } from './compile/runaway-risk.js';
import { checkJsonata } from './syntax.js';
import { parseTemplate } from './template.js';

export const DEFAULT_MAPPING_TIMEOUT_MS = 1000;
export const DEFAULT_MAPPING_MAX_DEPTH = 500;
const DEFAULT_CACHE_SIZE = 1000;

export interface EvaluationLimits {
  /** Wall-clock limit for one evaluation. */
  timeoutMs?: number;
  /** Limit on nested evaluation depth (runaway recursion). */
  maxDepth?: number;
}

export interface GuardedEvaluatorOptions extends EvaluationLimits {
  /** Compiled expressions kept (least recently used dropped first). */
  cacheSize?: number;
  /** false: every evaluation through jsonata's interpreter (benchmarks, and a way out should the compiler be wrong). */
  compile?: boolean;
}

/**
 * Where a host may evaluate an expression: `in-process` when it compiled and every built-in call in it
 * is bounded (./compile/runaway-risk.ts) — its limits then hold without a watchdog — or when it does not
 * parse (the failure is known without evaluating); `isolated` when only a watchdog can stop it.
 */
export type EvaluationPlacement = 'in-process' | 'isolated';

/**
 * Why an expression or template failed: JSONata's own code (S0202, T2001, …), `PW-TIMEOUT`, `PW-DEPTH`
 * or `PW-MEMORY` for the limits, `PW-ERROR` for anything without a code, `TEMPLATE` for a broken `{{ }}`.
 * `range` is [start, end) inside the expression (inside the whole template for templates).
 */
export class JsonataFailure extends Error {
  readonly jsonataCode: string;
  readonly range: TextRange;

  constructor(jsonataCode: string, message: string, range: TextRange) {
    super(message);
    this.name = 'JsonataFailure';
    this.jsonataCode = jsonataCode;
    this.range = range;
  }
}

export interface GuardedEvaluator {
  /** The expression's value (undefined when it matched nothing); throws JsonataFailure. */
  evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>, limits?: EvaluationLimits): Promise<unknown>;
  /**
   * The expression's value computed at once, without awaiting anything: `{ value }` when it compiled and
   * runs in-process (every loop and call checked by the limits, every built-in call bounded), undefined
   * when only jsonata's asynchronous interpreter can evaluate it. Throws JsonataFailure like `evaluate`.
   * For callers that must answer within the task they run in (the workbench's keystrokes).
   */
  evaluateNow(expression: string, input: unknown, bindings?: Record<string, unknown>, limits?: EvaluationLimits): { value: unknown } | undefined;
  /** A `{{ … }}` template (see ./template.ts) rendered to a string; throws JsonataFailure. */
  renderTemplate(template: string, input: unknown, bindings?: Record<string, unknown>, limits?: EvaluationLimits): Promise<string>;
  placement(expression: string): EvaluationPlacement;
  /** A template's placement: `isolated` when any of its parts is. */
  templatePlacement(template: string): EvaluationPlacement;
}

type Interpreted = ReturnType<typeof jsonata>;
/** One expression, parsed once: jsonata's compiled form, and the compiler's closure when it took it. */
interface CacheEntry {
  interpreter: Interpreted;
  compiled: CompiledExpression | undefined;
  placement: EvaluationPlacement;
}
interface Limits {
  timeout: number;
  stack: number;
}

/** The fields of the plain objects jsonata throws. */
interface JsonataErrorShape {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
}

export function createGuardedEvaluator(defaults: GuardedEvaluatorOptions = {}): GuardedEvaluator {
  const cacheSize = Math.max(1, defaults.cacheSize ?? DEFAULT_CACHE_SIZE);
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const cache = new Map<string, CacheEntry | JsonataFailure>();
  const useCompiler = defaults.compile !== false;

  function limitsOf(limits: EvaluationLimits | undefined): Limits {
    return {
      timeout: limits?.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_MAPPING_TIMEOUT_MS,
      stack: limits?.maxDepth ?? defaults.maxDepth ?? DEFAULT_MAPPING_MAX_DEPTH,
    };
  }

  const defaultLimits = limitsOf(undefined);

  function entryOf(expression: string, limits: Limits): CacheEntry | JsonataFailure {
    // The expression text itself is the key under the default limits: no string building per call.
    const key = limits.timeout === defaultLimits.timeout && limits.stack === defaultLimits.stack ? expression : `\u0000${limits.timeout}:${limits.stack}:${expression}`;
    let entry = cache.get(key);
    if (entry !== undefined) {
      // Recency matters only once evictions are near; until then a hit (every message) moves nothing.
      if (cache.size > cacheSize / 2) {
        cache.delete(key);
        cache.set(key, entry);
      }
    } else {
      entry = compileUncached(expression, limits, useCompiler);
      cache.set(key, entry);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    return entry;
  }

  function compile(expression: string, limits: Limits): CacheEntry {
    const entry = entryOf(expression, limits);
    // Broken expressions are cached too, so a flow full of bad messages parses the bad text once.
    if (entry instanceof JsonataFailure) throw entry;
    return entry;
  }

  function placement(expression: string): EvaluationPlacement {
    const entry = entryOf(expression, defaultLimits);
    return entry instanceof JsonataFailure ? 'in-process' : entry.placement;
  }

  function templatePlacement(template: string): EvaluationPlacement {
    const { parts, error } = parseTemplate(template);
    if (error) return 'in-process';
    return parts.every((part) => part.kind === 'text' || placement(part.expression) === 'in-process') ? 'in-process' : 'isolated';
  }

  async function evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>, given?: EvaluationLimits): Promise<unknown> {
    const limits = given === undefined || (given.timeoutMs === undefined && given.maxDepth === undefined) ? defaultLimits : limitsOf(given);
    const entry = compile(expression, limits);
    if (entry.compiled !== undefined) {
      try {
        return entry.compiled(input, bindings, createEvaluationGuard({ timeoutMs: limits.timeout, maxDepth: limits.stack }));
      } catch (error) {
        // The compiled code met something only the interpreter handles: it has no side effects, so run that.
        if (!(error instanceof NeedsInterpreter)) throw runtimeFailure(expression, error, limits);
      }
    }
    try {
      return await entry.interpreter.evaluate(input, bindings);
    } catch (error) {
      throw runtimeFailure(expression, error, limits);
    }
  }

  function evaluateNow(expression: string, input: unknown, bindings?: Record<string, unknown>, given?: EvaluationLimits): { value: unknown } | undefined {
    const limits = given === undefined || (given.timeoutMs === undefined && given.maxDepth === undefined) ? defaultLimits : limitsOf(given);
    const entry = compile(expression, limits);
    if (entry.compiled === undefined || entry.placement !== 'in-process') return undefined;
    try {
      return { value: entry.compiled(input, bindings, createEvaluationGuard({ timeoutMs: limits.timeout, maxDepth: limits.stack })) };
    } catch (error) {
      if (error instanceof NeedsInterpreter) return undefined;
      throw runtimeFailure(expression, error, limits);
    }
  }

  async function renderTemplate(template: string, input: unknown, bindings?: Record<string, unknown>, limits?: EvaluationLimits): Promise<string> {
    const { parts, error } = parseTemplate(template);
    if (error) throw new JsonataFailure('TEMPLATE', error.message, { start: error.start, end: error.end });
    let out = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        out += part.text;
        continue;
      }
      let value: unknown;
      try {
        value = await evaluate(part.expression, input, bindings, limits);
      } catch (caught) {
        if (!(caught instanceof JsonataFailure)) throw caught;
        // The part's range, moved from inside `{{ }}` to inside the whole template.
        throw new JsonataFailure(caught.jsonataCode, caught.message, { start: caught.range.start + part.offset, end: caught.range.end + part.offset });
      }
      out += templateText(value);
    }
    return out;
  }

  return { evaluate, evaluateNow, renderTemplate, placement, templatePlacement };
}

/** How a template shows a value: strings as they are, nothing as '', everything else as JSON. */
export function templateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '';
  return JSON.stringify(value) ?? '';
}

function compileUncached(expression: string, limits: Limits, useCompiler: boolean): CacheEntry | JsonataFailure {
  let interpreter: Interpreted;
  try {
    interpreter = jsonata(expression, { timeout: limits.timeout, stack: limits.stack });
  } catch (error) {
    // The shared syntax checker computes the same range the validator and the editor show.
    const found = checkJsonata(expression);
    if (found) return new JsonataFailure(found.code, found.message, found.range);
    const raw = asShape(error);
    return new JsonataFailure(typeof raw.code === 'string' ? raw.code : 'S0000', messageOf(error), { start: 0, end: expression.length });
  }
  const outcome = useCompiler ? compileJsonata(expression) : undefined;
  const compiled = outcome?.compiled === true ? outcome.evaluate : undefined;
  const placement: EvaluationPlacement = compiled !== undefined && runawayRisk(interpreter.ast()) === undefined ? 'in-process' : 'isolated';
  return { interpreter, compiled, placement };
}

/** Any error an evaluation threw as a JsonataFailure; the limits' own errors get the PW- codes. */
function runtimeFailure(expression: string, error: unknown, limits: Limits): JsonataFailure {
  if (error instanceof JsonataFailure) return error;
  const raw = asShape(error);
  const code = typeof raw.code === 'string' ? raw.code : undefined;
  const range = rangeOf(expression, raw);
  if (code === 'D1012') {
    return new JsonataFailure('PW-TIMEOUT', timeoutMessage(limits.timeout), range);
  }
  if (code === 'D1011') {
    return new JsonataFailure('PW-DEPTH', `The expression nested deeper than its limit of ${limits.stack} evaluation steps and was stopped; look for a recursive function that never ends.`, range);
  }
  if (error instanceof RangeError && TOO_BIG.test(error.message)) {
    // A value larger than V8 can hold ($pad("", 1e9, "ab")): the memory limit, not the stack.
    return memoryFailure(expression, error.message);
  }
  if (error instanceof RangeError) {
    // The JavaScript stack itself overflowed: an extremely deep payload or recursion inside a built-in.
    return new JsonataFailure('PW-DEPTH', `The expression exceeded the JavaScript stack (${error.message}); the input may be nested too deeply.`, range);
  }
  if (code === undefined) return new JsonataFailure('PW-ERROR', `The expression failed: ${messageOf(error)}`, range);
  return new JsonataFailure(code, messageOf(error), range);
}

/** The failure a host reports when it had to stop an evaluation itself (a worker that stopped answering). */
export function timeoutFailure(expression: string, timeoutMs: number): JsonataFailure {
  return new JsonataFailure('PW-TIMEOUT', timeoutMessage(timeoutMs), { start: 0, end: expression.length });
}

/** An evaluation that needed more memory than it may have: a value too large, or a process that ran out. */
export function memoryFailure(expression: string, why: string): JsonataFailure {
  return new JsonataFailure('PW-MEMORY', `The expression needed more memory than it may use (${why}) and was stopped; look for a huge $pad, range or string built from the input.`, { start: 0, end: expression.length });
}

/** V8's RangeErrors for a string, array or buffer past its size limit. */
const TOO_BIG = /invalid (string|array|typed array) length|array buffer allocation failed/i;

function timeoutMessage(timeoutMs: number): string {
  return `The expression ran longer than its ${timeoutMs} ms time limit and was stopped; look for a runaway recursion or a huge range.`;
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

function asShape(error: unknown): JsonataErrorShape {
  return typeof error === 'object' && error !== null ? (error as JsonataErrorShape) : {};
}

function messageOf(error: unknown): string {
  const raw = asShape(error);
  return typeof raw.message === 'string' && raw.message !== '' ? raw.message : String(error);
}
