// The mapping evaluation worker's message handling, as a plain module (tested in Node): keeps the parsed
// sample, evaluates each expression or template with the shared guarded evaluator — the engine's own
// limits, codes and ranges (shared/jsonata/guarded-evaluator.ts) — and answers with the pane's view of
// the result, formatted and cut short here, off the UI thread. An evaluation overtaken by a newer one
// is answered `superseded` without formatting its (possibly huge) output.
import type { MappingResult } from '../../../shared/api/mapping.js';
import { createGuardedEvaluator, JsonataFailure, type GuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import { SAMPLE_META } from '../../../shared/jsonata/sample-meta.js';
import { outputView } from './mapping-output-text.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

export interface EvaluationHostOptions {
  evaluator?: GuardedEvaluator;
  now?: () => number;
}

export interface EvaluationHost {
  /** Handles one message; resolves once any answer it causes has been posted. */
  receive(message: ToWorker): Promise<void>;
}

type Sample = { sampleId: number; ok: true; input: unknown } | { sampleId: number; ok: false; message: string };

export function createEvaluationHost(post: (message: FromWorker) => void, options: EvaluationHostOptions = {}): EvaluationHost {
  const evaluator = options.evaluator ?? createGuardedEvaluator();
  const now = options.now ?? (() => performance.now());
  let sample: Sample = { sampleId: 0, ok: true, input: undefined };
  let latest = 0;

  const evaluate = async (message: Extract<ToWorker, { type: 'evaluate' }>): Promise<void> => {
    latest = Math.max(latest, message.id);
    if (sample.sampleId !== message.sampleId) return post({ type: 'failed', id: message.id, message: 'The sample input was not received; try again.' });
    if (!sample.ok) return post({ type: 'failed', id: message.id, message: sample.message });
    const limits = message.timeoutMs === undefined ? undefined : { timeoutMs: message.timeoutMs };
    const bindings = { meta: SAMPLE_META };
    const started = now();
    let answer: MappingResult;
    try {
      const result = message.kind === 'template'
        ? await evaluator.renderTemplate(message.expression, sample.input, bindings, limits)
        : await evaluator.evaluate(message.expression, sample.input, bindings, limits);
      const durationMs = now() - started;
      // JSONata functions and undefined do not survive JSON: "no result", as mapping.evaluate says.
      answer = result === undefined || typeof result === 'function' ? { ok: true, hasResult: false, durationMs } : { ok: true, hasResult: true, result, durationMs };
    } catch (error) {
      if (!(error instanceof JsonataFailure)) return post({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      answer = { ok: false, error: { code: 'MAPPING_ERROR', message: error.message, location: { range: error.range }, jsonataCode: error.jsonataCode }, durationMs: now() - started };
    }
    if (message.id < latest) return post({ type: 'superseded', id: message.id });
    post({ type: 'answer', id: message.id, view: outputView(answer) });
  };

  return {
    async receive(message) {
      if (message.type === 'evaluate') return evaluate(message);
      sample = parseSample(message.sampleId, message.text);
    },
  };
}

function parseSample(sampleId: number, text: string | undefined): Sample {
  if (text === undefined) return { sampleId, ok: true, input: undefined };
  try {
    return { sampleId, ok: true, input: JSON.parse(text) as unknown };
  } catch (error) {
    return { sampleId, ok: false, message: `The sample input is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
