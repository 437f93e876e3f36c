// The workbench's live outputs: the expression evaluated against EACH input sample, one mapping
// evaluation worker per sample (the first is the panel's own) (so each keeps its parsed sample and no keystroke re-sends megabytes),
// plus the sub-expression under the cursor against the first sample. Requests go through the same
// scheduler as the panel's live output (../mapping/evaluation-scheduler.ts): one in flight, only the
// newest answer shown — evaluation stays off the UI thread and a 5 MB sample never queues keystrokes.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createEvaluationScheduler } from '../mapping/evaluation-scheduler.js';
import type { OutputView } from '../mapping/mapping-output-text.js';
import { LIVE_DELAY_MS, newWorkerEvaluator, workerEvaluator } from '../mapping/use-live-evaluation.js';
import type { WorkerEvaluator } from '../mapping/worker-evaluator.js';

/** Samples evaluated at once (each has a worker): more are listed as left out. */
export const MAX_LIVE_SAMPLES = 5;

export interface OutputsRequest {
  expression: string;
  kind: 'expression' | 'template';
  samples: readonly unknown[];
  /** The sub-expression under the cursor, evaluated against the first sample. */
  sub?: string;
}

/** One sample's outcome: its view, or why it could not be evaluated at all. */
export type SampleOutcome = { view: OutputView } | { failure: string };

export interface SampleOutputs {
  outcomes: SampleOutcome[] | undefined;
  sub: SampleOutcome | undefined;
  busy: boolean;
  /** When the last answer arrived (performance.now()), for the bench. */
  answeredAt: number | undefined;
}

export function useSampleOutputs(request: OutputsRequest | undefined): SampleOutputs {
  const [state, setState] = useState<SampleOutputs>({ outcomes: undefined, sub: undefined, busy: false, answeredAt: undefined });
  const evaluators = useRef<WorkerEvaluator[]>([]);
  const evaluatorFor = (index: number): WorkerEvaluator => {
    let evaluator = evaluators.current[index];
    if (!evaluator) {
      // The first sample goes to the panel's worker, idle while the workbench is open and already
      // holding that sample parsed: opening on a 5 MB sample then parses nothing again.
      evaluator = index === 0 ? workerEvaluator() : newWorkerEvaluator();
      if (!evaluator) throw new Error('This browser cannot start the evaluation worker.');
      evaluators.current[index] = evaluator;
    }
    return evaluator;
  };

  const scheduler = useMemo(
    () =>
      createEvaluationScheduler<OutputsRequest, { outcomes: SampleOutcome[]; sub: SampleOutcome | undefined }>({
        async evaluate(req, signal) {
          const outcome = (promise: Promise<OutputView>): Promise<SampleOutcome> => promise.then((view) => ({ view }), (error: unknown) => ({ failure: error instanceof Error ? error.message : String(error) }));
          const outcomes = await Promise.all(req.samples.slice(0, MAX_LIVE_SAMPLES).map((input, index) => outcome(evaluatorFor(index).evaluate({ expression: req.expression, input, kind: req.kind }, signal))));
          if (signal.aborted) throw new Error('superseded by a newer evaluation');
          // The outputs are shown at once; the value under the cursor follows (it never holds them up).
          setState((previous) => ({ ...previous, outcomes, busy: false, answeredAt: performance.now() }));
          const sub = req.sub === undefined || req.samples.length === 0 ? undefined : await outcome(evaluatorFor(0).evaluate({ expression: req.sub, input: req.samples[0], kind: 'expression' }, signal));
          if (signal.aborted) throw new Error('superseded by a newer evaluation');
          return { outcomes, sub };
        },
        onAnswer: (answer) => setState((previous) => ({ ...previous, outcomes: answer.outcomes, sub: answer.sub, busy: false })),
        onFailure: (error) => setState({ outcomes: [{ failure: error instanceof Error ? error.message : String(error) }], sub: undefined, busy: false, answeredAt: performance.now() }),
        onBusy: (busy) => setState((previous) => (previous.busy === busy ? previous : { ...previous, busy })),
        delayMs: LIVE_DELAY_MS,
      }),
    // evaluatorFor reads a ref: one scheduler for the workbench's life.
    [],
  );

  const expression = request?.expression;
  const kind = request?.kind;
  const samples = request?.samples;
  const sub = request?.sub;
  // A layout effect: the request leaves for the workers as the typed text is committed, so they
  // evaluate while the browser paints it, instead of after that paint as a passive effect would.
  useLayoutEffect(() => {
    if (expression === undefined || kind === undefined || samples === undefined || expression.trim() === '') {
      scheduler.cancel();
      setState({ outcomes: undefined, sub: undefined, busy: false, answeredAt: undefined });
      return;
    }
    scheduler.schedule(sub === undefined ? { expression, kind, samples } : { expression, kind, samples, sub });
  }, [scheduler, expression, kind, samples, sub]);

  useEffect(
    () => () => {
      scheduler.cancel();
      for (const evaluator of evaluators.current.slice(1)) evaluator.dispose();
      evaluators.current = [];
    },
    [scheduler],
  );
  return state;
}
