// mapping.evaluate: the engine's evaluator (compile cache, time and depth limits), isolated in evaluation
// processes like a run's (DESIGN.md §5), so the editor's live output is exactly what a run would produce
// and a runaway built-in stalls no other call. A broken or runaway expression is an answer with the
// range to squiggle, not a failed call.
import type { MappingHandlers, MappingResult } from '../../shared/api/mapping.js';
import { SAMPLE_META } from '../../shared/jsonata/sample-meta.js';
import { MappingError } from '../engine/errors.js';
import { createIsolatedMappingEvaluator } from '../engine/mapping/isolated-evaluator.js';
import type { MappingEvaluator, MessageMeta } from '../engine/types.js';

/** `$meta` in the editor, the same one the designer's worker binds; typed here as the engine's meta. */
const sampleMeta: MessageMeta = SAMPLE_META;

export function createMappingHandlers(evaluator: MappingEvaluator = createIsolatedMappingEvaluator()): MappingHandlers {
  return {
    'mapping.evaluate': async ({ expression, input, bindings, kind, timeoutMs }): Promise<MappingResult> => {
      const started = performance.now();
      const allBindings = { meta: sampleMeta, ...bindings };
      const options = timeoutMs === undefined ? undefined : { timeoutMs };
      try {
        const result = kind === 'template'
          ? await evaluator.renderTemplate(expression, input, allBindings, options)
          : await evaluator.evaluate(expression, input, allBindings, options);
        const durationMs = performance.now() - started;
        // JSONata functions and undefined do not survive JSON: report them as "no result".
        return result === undefined || typeof result === 'function' ? { ok: true, hasResult: false, durationMs } : { ok: true, hasResult: true, result: plain(result), durationMs };
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return { ok: false, error: { ...error.toData(), jsonataCode: error.jsonataCode }, durationMs: performance.now() - started };
      }
    },
  };
}

/** JSONata results may carry internal markers (sequence flags) and functions; send plain JSON. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
