// The engine's JSONata evaluator (DESIGN.md §5): the shared guarded evaluator (compile cache, time and
// depth limits, error codes and ranges — shared/jsonata/guarded-evaluator.ts, which the designer's
// evaluation worker runs too) with its failures turned into the engine's MappingError, located at the
// flow path the caller gives. One failing evaluation never takes the process down.
import { createGuardedEvaluator, DEFAULT_MAPPING_MAX_DEPTH, DEFAULT_MAPPING_TIMEOUT_MS, JsonataFailure } from '../../../shared/jsonata/guarded-evaluator.js';
import { MappingError } from '../errors.js';
import type { MappingEvaluator, MappingOptions } from '../types.js';

export { DEFAULT_MAPPING_MAX_DEPTH, DEFAULT_MAPPING_TIMEOUT_MS };

export interface MappingEvaluatorOptions extends MappingOptions {
  /** Compiled expressions kept (least recently used dropped first). */
  cacheSize?: number;
  /** false: jsonata's interpreter only, never the compiler (benchmarks). */
  compile?: boolean;
}

export function createMappingEvaluator(defaults: MappingEvaluatorOptions = {}): MappingEvaluator {
  const guarded = createGuardedEvaluator(defaults);

  return {
    async evaluate(expression, input, bindings, options) {
      try {
        return await guarded.evaluate(expression, input, bindings, options);
      } catch (error) {
        throw asMappingError(error, options?.path);
      }
    },
    evaluateNow(expression, input, bindings, options) {
      try {
        return guarded.evaluateNow(expression, input, bindings, options);
      } catch (error) {
        throw asMappingError(error, options?.path);
      }
    },
    async renderTemplate(template, input, bindings, options) {
      try {
        return await guarded.renderTemplate(template, input, bindings, options);
      } catch (error) {
        throw asMappingError(error, options?.path);
      }
    },
  };
}

/** A shared failure as the engine's permanent MappingError, with the flow path when there is one. */
export function asMappingError(error: unknown, path: string | undefined): unknown {
  if (!(error instanceof JsonataFailure)) return error;
  return new MappingError(error.jsonataCode, error.message, path === undefined ? { range: error.range } : { range: error.range, path });
}
