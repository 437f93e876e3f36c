// The workbench's outputs worked out on the UI thread, inside the keystroke, when that is cheap enough to
// stay within the frame. The evaluation workers take one to two frames to answer a keystroke: the browser
// paints the typed character first and hands the worker's message over only after that frame. An
// expression the compiler runs in-process (every loop and call checked by its limits, every built-in call
// bounded: shared/jsonata/guarded-evaluator.ts `evaluateNow`), over samples already parsed on this thread,
// usually takes well under a millisecond — so it is evaluated here first, under a small time budget, and
// its output is on the page in the same frame as the character typed. Whatever does not fit (the
// interpreter is needed, the budget runs out, the output is too big to format quickly, a template) is
// left to the workers, and after a budget ran out the workers take every keystroke for a while, so slow
// expressions cost the UI thread nothing more than the one try. Same evaluator, limits and views as the
// workers (../mapping/evaluation-host.ts), so both answers read the same. No React here: unit-tested.
import type { MappingResult } from '../../../shared/api/mapping.js';
import { createGuardedEvaluator, JsonataFailure, type GuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import { SAMPLE_META } from '../../../shared/jsonata/sample-meta.js';
import { outputView } from '../mapping/mapping-output-text.js';
import type { OutputsRequest, SampleOutcome } from './outputs-asker.js';

/** UI-thread time one keystroke may spend on all samples together. */
export const QUICK_BUDGET_MS = 4;
/** After the budget ran out, how long the workers alone answer. */
export const QUICK_BACKOFF_MS = 1000;
/** The most values (array items, object members, scalars) an output may hold to be formatted here. */
export const QUICK_MAX_VALUES = 2000;

export interface QuickOutputsOptions {
  evaluator?: GuardedEvaluator;
  now?: () => number;
  budgetMs?: number;
  backoffMs?: number;
  maxValues?: number;
}

export interface QuickOutputs {
  /** Every sample's outcome, or undefined when the workers must answer this request. */
  outputsNow(request: OutputsRequest): SampleOutcome[] | undefined;
}

export function createQuickOutputs(options: QuickOutputsOptions = {}): QuickOutputs {
  // Its own small cache: each keystroke is a new expression, and only the last few come back (undo).
  const evaluator = options.evaluator ?? createGuardedEvaluator({ cacheSize: 64 });
  const now = options.now ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? QUICK_BUDGET_MS;
  const backoffMs = options.backoffMs ?? QUICK_BACKOFF_MS;
  const maxValues = options.maxValues ?? QUICK_MAX_VALUES;
  let workersOnlyUntil = Number.NEGATIVE_INFINITY;

  const giveUpForAWhile = (): undefined => {
    workersOnlyUntil = now() + backoffMs;
    return undefined;
  };

  return {
    outputsNow({ expression, kind, samples }) {
      if (kind !== 'expression' || samples.length === 0) return undefined;
      const started = now();
      if (started < workersOnlyUntil) return undefined;
      const outcomes: SampleOutcome[] = [];
      for (const input of samples) {
        const left = budgetMs - (now() - started);
        if (left <= 0) return giveUpForAWhile();
        const answer = answerNow(evaluator, expression, input, Math.ceil(left), now);
        if (answer === 'workers') return undefined;
        if (answer === 'too slow') return giveUpForAWhile();
        if (answer.ok && answer.hasResult && !fewerValuesThan(answer.result, maxValues)) return giveUpForAWhile();
        outcomes.push({ view: outputView(answer) });
      }
      return outcomes;
    },
  };
}

/** One sample's answer as the worker would give it, or why the workers must give it. */
function answerNow(evaluator: GuardedEvaluator, expression: string, input: unknown, timeoutMs: number, now: () => number): MappingResult | 'workers' | 'too slow' {
  const started = now();
  try {
    const evaluated = evaluator.evaluateNow(expression, input, { meta: SAMPLE_META }, { timeoutMs });
    if (evaluated === undefined) return 'workers';
    const { value } = evaluated;
    const durationMs = now() - started;
    // As the worker says it: functions and undefined do not survive JSON, so "no result".
    return value === undefined || typeof value === 'function' ? { ok: true, hasResult: false, durationMs } : { ok: true, hasResult: true, result: value, durationMs };
  } catch (error) {
    if (!(error instanceof JsonataFailure)) return 'workers';
    // Our own budget, not the engine's limit: the worker evaluates it with the real one.
    if (error.jsonataCode === 'PW-TIMEOUT') return 'too slow';
    return { ok: false, error: { code: 'MAPPING_ERROR', message: error.message, location: { range: error.range }, jsonataCode: error.jsonataCode }, durationMs: now() - started };
  }
}

/** Characters of string values an output may hold to be formatted here. */
const QUICK_MAX_TEXT = 100_000;

/** Whether `value` holds fewer than `limit` values (and little text) in all; stops counting early. */
export function fewerValuesThan(value: unknown, limit: number): boolean {
  let count = 0;
  let text = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (++count >= limit) return false;
    if (typeof next === 'string' && (text += next.length) > QUICK_MAX_TEXT) return false;
    if (typeof next !== 'object' || next === null) continue;
    const inner = Array.isArray(next) ? (next as unknown[]) : Object.values(next);
    if (count + pending.length + inner.length >= limit) return false;
    pending.push(...inner);
  }
  return true;
}
