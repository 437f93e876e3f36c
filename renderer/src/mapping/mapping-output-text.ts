// What the live output pane shows for an answer of `mapping.evaluate`: the result as pretty JSON
// (cut short past a size the pane can render quickly), "no result", or the error with its code and,
// for squiggles, the range inside the expression.
import type { MappingResult } from '../../../shared/api/mapping.js';
import type { Problem, TextRange } from '../../../shared/errors.js';

/** Past this many characters the pane shows the start and says how much is left out. */
export const OUTPUT_LIMIT = 200_000;

export type OutputView =
  | { state: 'result'; text: string; durationMs: number }
  | { state: 'empty'; text: string; durationMs: number }
  | { state: 'error'; text: string; code: string; range?: TextRange; durationMs: number };

export function outputView(answer: MappingResult): OutputView {
  if (!answer.ok) {
    const view: OutputView = { state: 'error', code: answer.error.jsonataCode || answer.error.code, text: `${answer.error.jsonataCode || answer.error.code}: ${answer.error.message}`, durationMs: answer.durationMs };
    if (answer.error.location?.range) view.range = answer.error.location.range;
    return view;
  }
  if (!answer.hasResult) return { state: 'empty', text: 'No result: the expression matched nothing (a Map node would stop the message here).', durationMs: answer.durationMs };
  return { state: 'result', text: prettyJson(answer.result), durationMs: answer.durationMs };
}

export function prettyJson(value: unknown, limit = OUTPUT_LIMIT): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return text.length > limit ? `${text.slice(0, limit)}\n… ${text.length - limit} more characters not shown` : text;
}

/** The evaluation error as a problem the expression editor squiggles (only when it has a range). */
export function outputProblem(view: OutputView | undefined): Problem | undefined {
  if (view?.state !== 'error' || !view.range) return undefined;
  return { code: view.code, message: view.text, range: view.range };
}
