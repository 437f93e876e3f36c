// The engine's evaluator with isolation (DESIGN.md §5 "Isolation"; docs/jsonata-compiler.md "Where
// compiled code runs"). An expression the JSONata compiler took, whose every built-in call is bounded,
// runs here in-process: its time and depth limits hold through the compiled code's own checks, and
// nothing crosses a process boundary. Everything else — what jsonata interprets, ranges from data, a
// huge `$pad` — runs in an evaluation process of ./evaluation-pool.ts, where a watchdog can stop it.
// Failures become the same MappingError the in-process evaluator (./evaluator.ts) throws.
import { createGuardedEvaluator, JsonataFailure, memoryFailure, type EvaluationPlacement, type GuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import type { MappingEvaluator, MappingOptions } from '../types.js';
import { EvaluationPool, type EvaluationPoolOptions } from './evaluation-pool.js';
import { asMappingError } from './evaluator.js';
import type { EvaluationTask, TaskOutcome } from './protocol.js';
import { DEFAULT_MAX_RESULT_CHARS, jsonataCompilerEnabled, leastJsonLength } from './result-limit.js';

let shared: EvaluationPool | undefined;

/** Expressions whose placement is remembered before the memory starts over (a server sees many texts). */
const MAX_REMEMBERED_PLACEMENTS = 1000;

/**
 * The process-wide pool: engines and the API of one process share it, so opening an engine costs no
 * process start; its processes never keep the host alive when idle and end with it.
 */
export function sharedEvaluationPool(): EvaluationPool {
  shared ??= new EvaluationPool();
  return shared;
}

export interface IsolatedEvaluatorOptions {
  /** false: every expression goes to the pool, compiled or not (benchmarks, tests of the pool). */
  inProcess?: boolean;
  /** The largest result an in-process evaluation may return (the pool has its own setting). */
  maxResultChars?: number;
}

export function createIsolatedMappingEvaluator(pool: EvaluationPool = sharedEvaluationPool(), options: IsolatedEvaluatorOptions = {}): MappingEvaluator {
  const local: GuardedEvaluator | undefined = options.inProcess === false ? undefined : createGuardedEvaluator({ compile: jsonataCompilerEnabled() });
  const maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
  // The pool's processes start on the first expression that needs them: a flow whose expressions all
  // run in-process never forks one.
  let warmed = false;
  function isolated(): EvaluationPool {
    if (!warmed) {
      warmed = true;
      pool.warm();
    }
    return pool;
  }

  // Where each expression runs, asked on every evaluation: remembered here, so a message costs one map
  // lookup rather than a trip through the compile cache's LRU bookkeeping (placement is fixed per text).
  const placements = new Map<string, EvaluationPlacement>();
  function placementOf(expression: string, guarded: GuardedEvaluator): EvaluationPlacement {
    let known = placements.get(expression);
    if (known === undefined) {
      if (placements.size >= MAX_REMEMBERED_PLACEMENTS) placements.clear();
      placements.set(expression, (known = guarded.placement(expression)));
    }
    return known;
  }

  /** An in-process result as it is, or PW-MEMORY when its JSON would pass the limit. */
  function withinResultLimit(expression: string, value: unknown): unknown {
    const least = leastJsonLength(value, maxResultChars);
    if (least > maxResultChars) throw memoryFailure(expression, `its result is at least ${least.toLocaleString('en')} characters of JSON, over the limit of ${maxResultChars.toLocaleString('en')}`);
    return value;
  }

  return {
    placement(source, kind) {
      if (!local) return 'isolated';
      return kind === 'template' ? local.templatePlacement(source) : local.placement(source);
    },
    evaluateNow(expression, input, bindings, options) {
      if (local === undefined || placementOf(expression, local) !== 'in-process') return undefined;
      try {
        const now = local.evaluateNow(expression, input, bindings, options);
        if (now !== undefined) withinResultLimit(expression, now.value);
        return now;
      } catch (error) {
        throw asMappingError(inProcessFailure(expression, error), options?.path);
      }
    },
    async evaluate(expression, input, bindings, options) {
      if (local !== undefined && placementOf(expression, local) === 'in-process') {
        try {
          return withinResultLimit(expression, await local.evaluate(expression, input, bindings, options));
        } catch (error) {
          throw asMappingError(inProcessFailure(expression, error), options?.path);
        }
      }
      const outcome = await isolated().run(taskOf('expression', expression, input, bindings, options));
      if (!outcome.ok) throw failureOf(outcome, options);
      return outcome.result === undefined ? undefined : (JSON.parse(outcome.result) as unknown);
    },
    async renderTemplate(template, input, bindings, options) {
      if (local?.templatePlacement(template) === 'in-process') {
        try {
          return await local.renderTemplate(template, input, bindings, options);
        } catch (error) {
          throw asMappingError(inProcessFailure(template, error), options?.path);
        }
      }
      const outcome = await isolated().run(taskOf('template', template, input, bindings, options));
      if (!outcome.ok) throw failureOf(outcome, options);
      return outcome.result ?? '';
    },
  };
}

/** Re-creates an evaluator with other pool settings (tests, benchmarks). */
export function createEvaluationPool(options: EvaluationPoolOptions): EvaluationPool {
  return new EvaluationPool(options);
}

/** A string past V8's length limit inside compiled code is the memory limit, as in an evaluation process. */
function inProcessFailure(expression: string, error: unknown): unknown {
  if (error instanceof RangeError) return memoryFailure(expression, error.message);
  return error;
}

function taskOf(kind: EvaluationTask['kind'], expression: string, input: unknown, bindings: Record<string, unknown> | undefined, options: MappingOptions | undefined): Omit<EvaluationTask, 'id'> {
  const task: Omit<EvaluationTask, 'id'> = { kind, expression };
  const text = input === undefined ? undefined : JSON.stringify(input);
  if (text !== undefined) task.input = text;
  if (bindings !== undefined) task.bindings = JSON.stringify(bindings);
  if (options?.timeoutMs !== undefined) task.timeoutMs = options.timeoutMs;
  if (options?.maxDepth !== undefined) task.maxDepth = options.maxDepth;
  return task;
}

function failureOf(outcome: Extract<TaskOutcome, { ok: false }>, options: MappingOptions | undefined): unknown {
  const { code, message, range } = outcome.failure;
  return asMappingError(new JsonataFailure(code, message, range), options?.path);
}
