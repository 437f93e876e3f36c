// The live output of the expression being edited: each change is evaluated in the mapping evaluation
// worker (./worker-evaluator.ts), off the UI thread, with the engine's limits; the scheduler keeps one
// evaluation in flight and only the newest answer. Where no worker can run, the contract's
// `mapping.evaluate` does the same work in the service. Changing node or clearing the expression
// cancels what is pending. As in the workbench (docs/workbench.md), a keystroke asks at once from the
// editor's change event, and an expression cheap enough is evaluated right there on the UI thread
// (../workbench/quick-outputs.ts), its output rendered in the frame that shows the typed character.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { QuickOutputs } from '../workbench/quick-outputs.js';
import type { ApiClient } from '../api/client.js';
import { createEvaluationScheduler } from './evaluation-scheduler.js';
import { outputView, type OutputView } from './mapping-output-text.js';
import { createWorkerEvaluator, WorkerUnavailableError, type LiveRequest, type WorkerEvaluator, type WorkerLike } from './worker-evaluator.js';

export type { LiveRequest };

/**
 * No debounce: the worker is one message away and a busy worker never queues more than the newest
 * request, so waiting would only add latency.
 */
export const LIVE_DELAY_MS = 0;

export interface LiveEvaluation {
  view: OutputView | undefined;
  busy: boolean;
  /** The evaluation could not run at all (no worker and no server): shown instead of an output. */
  failure: string | undefined;
}

export interface LiveEvaluationHandle extends LiveEvaluation {
  /** Asks for a typed expression's output at once, from the editor's change event, ahead of its render. */
  ask(request: LiveRequest): void;
}

/** One worker for the designer, started on first use; `null` once it proved unable to run here. */
let sharedEvaluator: WorkerEvaluator | null | undefined;

/** The panel's worker (the workbench evaluates its first sample there: it already holds that sample). */
export function workerEvaluator(): WorkerEvaluator | undefined {
  if (sharedEvaluator === undefined) {
    sharedEvaluator = newWorkerEvaluator() ?? null;
  }
  return sharedEvaluator ?? undefined;
}

/** A mapping evaluation worker of its own (the workbench runs one per sample); undefined without Worker. */
export function newWorkerEvaluator(): WorkerEvaluator | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return createWorkerEvaluator({
    // The DOM's Worker has wider handler types than WorkerLike names; the messages are ours.
    createWorker: () => new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module', name: 'mapping-evaluation' }) as unknown as WorkerLike,
  });
}

/** Whether the live output can be shown at all: in a worker, else through the service. */
export function canEvaluateLive(client: ApiClient | undefined): boolean {
  return client !== undefined || workerEvaluator() !== undefined;
}

async function evaluateLive(client: ApiClient | undefined, request: LiveRequest, signal: AbortSignal): Promise<OutputView> {
  const worker = workerEvaluator();
  if (worker) {
    try {
      return await worker.evaluate(request, signal);
    } catch (error) {
      if (!(error instanceof WorkerUnavailableError) || !client) throw error;
      sharedEvaluator = null;
    }
  }
  if (!client) throw new Error('Connect to `pipewright serve` to see the output as you type.');
  const params = request.input === undefined ? { expression: request.expression, kind: request.kind } : { expression: request.expression, input: request.input, kind: request.kind };
  return outputView(await client.send('mapping.evaluate', params));
}

export function useLiveEvaluation(client: ApiClient | undefined, request: LiveRequest | undefined): LiveEvaluationHandle {
  const [state, setState] = useState<LiveEvaluation>({ view: undefined, busy: false, failure: undefined });
  const scheduler = useMemo(
    () =>
      createEvaluationScheduler<LiveRequest, OutputView>({
        evaluate: (req, signal) => evaluateLive(client, req, signal),
        onAnswer: (view) => setState({ view, busy: false, failure: undefined }),
        onFailure: (error) => setState({ view: undefined, busy: false, failure: error instanceof Error ? error.message : String(error) }),
        onBusy: (busy) => setState((previous) => (previous.busy === busy ? previous : { ...previous, busy })),
        delayMs: LIVE_DELAY_MS,
      }),
    [client],
  );
  // The UI-thread evaluation of cheap expressions, loaded with the first live output.
  const quick = useRef<QuickOutputs | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    void import('../workbench/quick-outputs.js').then((module) => {
      if (!gone) quick.current = module.createQuickOutputs();
    });
    return () => {
      gone = true;
    };
  }, []);
  /** The request last asked for: the render after a keystroke's own ask does not ask it again. */
  const asked = useRef<LiveRequest | undefined>(undefined);

  /** Asks for `req`: its output at once when cheap (`render` shows it), else from the worker. */
  const askFor = useCallback(
    (req: LiveRequest, render: (show: () => void) => void) => {
      const last = asked.current;
      if (last && last.expression === req.expression && last.input === req.input && last.kind === req.kind) return;
      asked.current = req;
      const outcome = quick.current?.outputsNow({ expression: req.expression, kind: req.kind, samples: [req.input] })?.[0];
      if (outcome && 'view' in outcome) {
        // Shown here: nothing asked earlier may answer over it.
        scheduler.cancel();
        render(() => setState({ view: outcome.view, busy: false, failure: undefined }));
      } else scheduler.schedule(req);
    },
    [scheduler],
  );

  const expression = request?.expression;
  const input = request?.input;
  const kind = request?.kind;
  useEffect(() => {
    if (expression === undefined || kind === undefined || expression.trim() === '') {
      asked.current = undefined;
      scheduler.cancel();
      setState({ view: undefined, busy: false, failure: undefined });
      return;
    }
    askFor({ expression, input, kind }, (show) => show());
  }, [scheduler, askFor, expression, input, kind]);

  useEffect(
    () => () => {
      scheduler.cancel();
      asked.current = undefined;
    },
    [scheduler],
  );
  // From the editor's change event React would render after the next frame: rendered at once instead.
  const ask = useCallback((typed: LiveRequest) => (typed.expression.trim() === '' ? undefined : askFor(typed, (show) => flushSync(show))), [askFor]);
  return useMemo(() => ({ ...state, ask }), [state, ask]);
}
