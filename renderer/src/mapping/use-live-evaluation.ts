// The live output of the expression being edited: each change schedules an evaluation through the
// contract's `mapping.evaluate` (the server process runs it, off the UI thread, with the engine's
// limits); the scheduler keeps only the newest answer. Changing node or clearing the expression
// cancels what is pending.
import { useEffect, useMemo, useState } from 'react';
import type { MappingResult } from '../../../shared/api/mapping.js';
import type { ApiClient } from '../api/client.js';
import { createEvaluationScheduler } from './evaluation-scheduler.js';
import { outputView, type OutputView } from './mapping-output-text.js';

/** Short enough that the output follows typing, long enough to skip the middle of a fast burst. */
export const LIVE_DELAY_MS = 16;

export interface LiveRequest {
  expression: string;
  input: unknown;
  kind: 'expression' | 'template';
}

export interface LiveEvaluation {
  view: OutputView | undefined;
  busy: boolean;
  /** The call itself failed (no server, network): shown instead of an output. */
  failure: string | undefined;
}

export function useLiveEvaluation(client: ApiClient | undefined, request: LiveRequest | undefined): LiveEvaluation {
  const [state, setState] = useState<LiveEvaluation>({ view: undefined, busy: false, failure: undefined });
  const scheduler = useMemo(
    () =>
      client &&
      createEvaluationScheduler<LiveRequest, MappingResult>({
        evaluate: (req) => client.send('mapping.evaluate', req.input === undefined ? { expression: req.expression, kind: req.kind } : { expression: req.expression, input: req.input, kind: req.kind }),
        onAnswer: (answer) => setState({ view: outputView(answer), busy: false, failure: undefined }),
        onFailure: (error) => setState({ view: undefined, busy: false, failure: error instanceof Error ? error.message : String(error) }),
        onBusy: (busy) => setState((previous) => (previous.busy === busy ? previous : { ...previous, busy })),
        delayMs: LIVE_DELAY_MS,
      }),
    [client],
  );

  const expression = request?.expression;
  const input = request?.input;
  const kind = request?.kind;
  useEffect(() => {
    if (!scheduler) return;
    if (expression === undefined || kind === undefined || expression.trim() === '') {
      scheduler.cancel();
      setState({ view: undefined, busy: false, failure: undefined });
      return;
    }
    scheduler.schedule({ expression, input, kind });
  }, [scheduler, expression, input, kind]);

  useEffect(() => () => scheduler?.cancel(), [scheduler]);
  return state;
}
