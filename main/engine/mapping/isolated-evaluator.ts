// The engine's evaluator with isolation (DESIGN.md §5 "Isolation"): every evaluation runs in an
// evaluation process of ./evaluation-pool.ts, so no expression can stall the event loop or crash the
// process; its failures become the same MappingError the in-process evaluator (./evaluator.ts) throws.
import { JsonataFailure } from '../../../shared/jsonata/guarded-evaluator.js';
import type { MappingEvaluator, MappingOptions } from '../types.js';
import { EvaluationPool, type EvaluationPoolOptions } from './evaluation-pool.js';
import { asMappingError } from './evaluator.js';
import type { EvaluationTask, TaskOutcome } from './protocol.js';

let shared: EvaluationPool | undefined;

/**
 * The process-wide pool: engines and the API of one process share it, so opening an engine costs no
 * process start; its processes never keep the host alive when idle and end with it.
 */
export function sharedEvaluationPool(): EvaluationPool {
  shared ??= new EvaluationPool();
  return shared;
}

export function createIsolatedMappingEvaluator(pool: EvaluationPool = sharedEvaluationPool()): MappingEvaluator {
  pool.warm();
  return {
    async evaluate(expression, input, bindings, options) {
      const outcome = await pool.run(taskOf('expression', expression, input, bindings, options));
      if (!outcome.ok) throw failureOf(outcome, options);
      return outcome.result === undefined ? undefined : (JSON.parse(outcome.result) as unknown);
    },
    async renderTemplate(template, input, bindings, options) {
      const outcome = await pool.run(taskOf('template', template, input, bindings, options));
      if (!outcome.ok) throw failureOf(outcome, options);
      return outcome.result ?? '';
    },
  };
}

/** Re-creates an evaluator with other pool settings (tests, benchmarks). */
export function createEvaluationPool(options: EvaluationPoolOptions): EvaluationPool {
  return new EvaluationPool(options);
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
