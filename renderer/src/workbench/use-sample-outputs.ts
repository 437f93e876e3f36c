// The workbench's live outputs: the expression evaluated against EACH input sample, one mapping
// evaluation worker per sample (the first is the panel's own), so each keeps its parsed sample and no
// keystroke re-sends megabytes; plus the sub-expression under the cursor against the first sample.
// Requests go through the same scheduler as the panel's live output (../mapping/evaluation-scheduler.ts):
// one in flight, only the newest answer shown, so a 5 MB sample never queues keystrokes. Two shortcuts
// keep a keystroke's output within the frame that shows the typed character: the keystroke asks at once
// from the editor's change event (./outputs-asker.ts), and an expression cheap enough is evaluated right
// there on the UI thread under a small time budget (./quick-outputs.ts), the workers then asked only for
// the value under the cursor.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createEvaluationScheduler } from '../mapping/evaluation-scheduler.js';
import type { OutputView } from '../mapping/mapping-output-text.js';
import { LIVE_DELAY_MS, newWorkerEvaluator, workerEvaluator } from '../mapping/use-live-evaluation.js';
import type { WorkerEvaluator } from '../mapping/worker-evaluator.js';
import { createOutputsAsker, type AskedRequest, type OutputsRequest, type SampleOutcome } from './outputs-asker.js';
import type { QuickOutputs } from './quick-outputs.js';

/** Samples evaluated at once (each has a worker): more are listed as left out. */
export const MAX_LIVE_SAMPLES = 5;

export type { SampleOutcome } from './outputs-asker.js';

export interface SampleOutputs {
  outcomes: SampleOutcome[] | undefined;
  sub: SampleOutcome | undefined;
  busy: boolean;
  /** When the last answer arrived (performance.now()), for the bench. */
  answeredAt: number | undefined;
}

export interface SampleOutputsHandle extends SampleOutputs {
  /**
   * Asks for the outputs of a typed expression at once, from the editor's change event, ahead of the
   * render that brings `request` (./outputs-asker.ts); the render's own ask then joins it.
   */
  ask(request: OutputsRequest): void;
}

export function useSampleOutputs(request: OutputsRequest | undefined): SampleOutputsHandle {
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
      createEvaluationScheduler<AskedRequest, { outcomes: SampleOutcome[] | undefined; sub: SampleOutcome | undefined }>({
        async evaluate(req, signal) {
          const outcome = (promise: Promise<OutputView>): Promise<SampleOutcome> => promise.then((view) => ({ view }), (error: unknown) => ({ failure: error instanceof Error ? error.message : String(error) }));
          let outcomes: SampleOutcome[] | undefined;
          if (req.subOnly) {
            // The outputs of this expression are shown already: only the value under the cursor is asked.
            setState((previous) => (previous.busy ? { ...previous, busy: false } : previous));
          } else {
            outcomes = await Promise.all(req.samples.slice(0, MAX_LIVE_SAMPLES).map((input, index) => outcome(evaluatorFor(index).evaluate({ expression: req.expression, input, kind: req.kind }, signal))));
            if (signal.aborted) throw new Error('superseded by a newer evaluation');
            // The outputs are shown at once; the value under the cursor follows (it never holds them up).
            const shown = outcomes;
            setState((previous) => ({ ...previous, outcomes: shown, busy: false, answeredAt: performance.now() }));
            // From here on a new sub-expression is a new ask; until here it was handed to this one.
            req.outputsDone = true;
          }
          const sub = req.sub === undefined || req.samples.length === 0 ? undefined : await outcome(evaluatorFor(0).evaluate({ expression: req.sub, input: req.samples[0], kind: 'expression' }, signal));
          if (signal.aborted) throw new Error('superseded by a newer evaluation');
          return { outcomes, sub };
        },
        onAnswer: (answer, asked) => setState((previous) => ({ ...previous, outcomes: answer.outcomes ?? previous.outcomes, sub: asked.sub === undefined ? previous.sub : answer.sub, busy: false })),
        onFailure: (error) => setState({ outcomes: [{ failure: error instanceof Error ? error.message : String(error) }], sub: undefined, busy: false, answeredAt: performance.now() }),
        onBusy: (busy) => setState((previous) => (previous.busy === busy ? previous : { ...previous, busy })),
        delayMs: LIVE_DELAY_MS,
      }),
    // evaluatorFor reads a ref: one scheduler for the workbench's life.
    [],
  );
  const asker = useMemo(() => createOutputsAsker((asked) => scheduler.schedule(asked)), [scheduler]);
  // The UI-thread evaluation of cheap expressions (./quick-outputs.ts), loaded with the first workbench.
  const quick = useRef<QuickOutputs | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    void import('./quick-outputs.js').then((module) => {
      if (!gone) quick.current = module.createQuickOutputs();
    });
    return () => {
      gone = true;
    };
  }, []);
  const quickOutcomes = (request: OutputsRequest): SampleOutcome[] | undefined => quick.current?.outputsNow({ ...request, samples: request.samples.slice(0, MAX_LIVE_SAMPLES) });
  const show = (outcomes: SampleOutcome[]) => setState((previous) => ({ ...previous, outcomes, busy: false, answeredAt: performance.now() }));
  // From a render (the layout effect below): React renders the update before the browser paints anyway.
  const showNow = (request: OutputsRequest): boolean => {
    const outcomes = quickOutcomes(request);
    if (outcomes !== undefined) show(outcomes);
    return outcomes !== undefined;
  };
  // From the editor's change event: React would render it in a task after the next frame, so the update
  // is rendered at once — with the typed text the caller set just before — and the frame shows both.
  const showTypedNow = (request: OutputsRequest): boolean => {
    const outcomes = quickOutcomes(request);
    if (outcomes !== undefined) flushSync(() => show(outcomes));
    return outcomes !== undefined;
  };

  const expression = request?.expression;
  const kind = request?.kind;
  const samples = request?.samples;
  const sub = request?.sub;
  // A layout effect: the request leaves for the workers as the typed text is committed, so they
  // evaluate while the browser paints it, instead of after that paint as a passive effect would.
  useLayoutEffect(() => {
    if (expression !== undefined && kind !== undefined && samples !== undefined && asker.ask(sub === undefined ? { expression, kind, samples } : { expression, kind, samples, sub }, showNow)) return;
    scheduler.cancel();
    asker.forget();
    setState({ outcomes: undefined, sub: undefined, busy: false, answeredAt: undefined });
    // showNow reads a ref and calls setState only: it need not be a dependency.
  }, [scheduler, asker, expression, kind, samples, sub]);

  useEffect(
    () => () => {
      scheduler.cancel();
      // Asked again if mounted again (React's strict mode runs effects twice): nothing is under way now.
      asker.forget();
      for (const evaluator of evaluators.current.slice(1)) evaluator.dispose();
      evaluators.current = [];
    },
    [scheduler, asker],
  );
  // showTypedNow reads a ref and calls setState only: it need not be a dependency.
  const ask = useCallback((typed: OutputsRequest) => void asker.ask(typed, showTypedNow), [asker]);
  return useMemo(() => ({ ...state, ask }), [state, ask]);
}
