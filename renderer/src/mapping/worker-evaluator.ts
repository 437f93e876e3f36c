// The UI side of the mapping evaluation worker: sends the sample when it changes and the expression on
// each request, and keeps the worker from ever holding up the output pane. JSONata cannot be
// interrupted from outside while it computes, so stopping means terminating the worker and starting a
// fresh one (the sample text is kept and sent again):
// - a request a newer keystroke superseded is given `supersededAfterMs` to finish, then stopped;
// - a request nobody superseded that outlives the guard's own time limit (plus slack, for built-ins
//   that never reach the guard's check) is stopped and answered PW-TIMEOUT, as the engine would.
// No DOM types here (the worker is passed in), so the rules are unit-tested in Node with a fake worker.
import { DEFAULT_MAPPING_TIMEOUT_MS, timeoutFailure } from '../../../shared/jsonata/guarded-evaluator.js';
import type { Timers } from './evaluation-scheduler.js';
import { outputView, type OutputView } from './mapping-output-text.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** The part of a Web Worker used here. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WorkerEvaluatorOptions {
  createWorker(): WorkerLike;
  timers?: Timers;
  now?: () => number;
  /** The guard's time limit inside the worker (the engine's, unless a caller asks for less). */
  timeoutMs?: number;
  /** How long past `timeoutMs` an unanswered evaluation may run before the worker is restarted. */
  graceMs?: number;
  /** How long a superseded evaluation may still run before the worker is restarted. */
  supersededAfterMs?: number;
}

export interface LiveRequest {
  expression: string;
  /** `$`; undefined means no input. */
  input: unknown;
  kind: 'expression' | 'template';
}

export interface WorkerEvaluator {
  /** The pane's view of `request`; rejects when `signal` aborts and the answer is no longer wanted. */
  evaluate(request: LiveRequest, signal?: AbortSignal): Promise<OutputView>;
  /** How many workers were started (a restart starts one more). */
  readonly started: number;
  dispose(): void;
}

interface Pending {
  id: number;
  expression: string;
  startedAt: number;
  resolve(view: OutputView): void;
  reject(error: Error): void;
  timers: unknown[];
}

/** The worker could not be started or stopped unexpectedly: the caller may evaluate another way. */
export class WorkerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerUnavailableError';
  }
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Sample text per sample object: stringified once, however often it is sent (a restart sends it again). */
const sampleTexts = new WeakMap<object, string>();

export function sampleTextOf(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'object' || input === null) return JSON.stringify(input);
  let text = sampleTexts.get(input);
  if (text === undefined) {
    text = JSON.stringify(input);
    sampleTexts.set(input, text);
  }
  return text;
}

export function createWorkerEvaluator(options: WorkerEvaluatorOptions): WorkerEvaluator {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? DEFAULT_MAPPING_TIMEOUT_MS;
  const graceMs = options.graceMs ?? 500;
  const supersededAfterMs = options.supersededAfterMs ?? 250;
  let worker: WorkerLike | undefined;
  /** The sample the current worker holds. */
  let held: { input: unknown; sampleId: number } | undefined;
  let nextSampleId = 0;
  let nextId = 0;
  let pending: Pending | undefined;
  let started = 0;

  const settle = (): Pending | undefined => {
    const done = pending;
    pending = undefined;
    for (const timer of done?.timers ?? []) timers.clearTimeout(timer);
    return done;
  };

  const receive = (message: FromWorker) => {
    if (message.id !== pending?.id) return;
    const done = settle();
    if (!done) return;
    if (message.type === 'answer') done.resolve(message.view);
    else if (message.type === 'superseded') done.reject(new Error('superseded by a newer evaluation'));
    else done.reject(new Error(message.message));
  };

  const start = (): WorkerLike => {
    const fresh = options.createWorker();
    started += 1;
    fresh.onmessage = (event) => receive(event.data);
    // A worker that fails to load or crashes answers nothing more: the next request starts a new one.
    fresh.onerror = () => {
      if (worker === fresh) stop();
      settle()?.reject(new WorkerUnavailableError('The evaluation worker stopped unexpectedly.'));
    };
    worker = fresh;
    held = undefined;
    return fresh;
  };

  /** Terminates the worker; the next request starts a fresh one. */
  const stop = () => {
    worker?.terminate();
    worker = undefined;
    held = undefined;
  };

  const sampleIdFor = (target: WorkerLike, input: unknown): number => {
    if (held?.input !== input || held === undefined) {
      nextSampleId += 1;
      target.postMessage({ type: 'sample', sampleId: nextSampleId, text: sampleTextOf(input) });
      held = { input, sampleId: nextSampleId };
    }
    return held.sampleId;
  };

  return {
    get started() {
      return started;
    },

    evaluate(request, signal) {
      // One evaluation at a time: an older one still waiting is no longer wanted.
      settle()?.reject(new Error('superseded by a newer evaluation'));
      let target: WorkerLike;
      try {
        target = worker ?? start();
      } catch (error) {
        // No Worker support, or a policy that forbids it.
        return Promise.reject(new WorkerUnavailableError(`The evaluation worker could not start: ${error instanceof Error ? error.message : String(error)}`));
      }
      const sampleId = sampleIdFor(target, request.input);
      nextId += 1;
      const id = nextId;
      return new Promise<OutputView>((resolve, reject) => {
        const entry: Pending = { id, expression: request.expression, startedAt: now(), resolve, reject, timers: [] };
        pending = entry;
        entry.timers.push(
          timers.setTimeout(() => {
            if (pending !== entry) return;
            stop();
            settle();
            const failure = timeoutFailure(entry.expression, timeoutMs);
            resolve(outputView({ ok: false, error: { code: 'MAPPING_ERROR', message: failure.message, location: { range: failure.range }, jsonataCode: failure.jsonataCode }, durationMs: now() - entry.startedAt }));
          }, timeoutMs + graceMs),
        );
        signal?.addEventListener(
          'abort',
          () => {
            if (pending !== entry) return;
            const stopSuperseded = () => {
              if (pending !== entry) return;
              stop();
              settle();
              reject(new Error('superseded by a newer evaluation'));
            };
            const left = supersededAfterMs - (now() - entry.startedAt);
            if (left <= 0) stopSuperseded();
            else entry.timers.push(timers.setTimeout(stopSuperseded, left));
          },
          { once: true },
        );
        target.postMessage({ type: 'evaluate', id, sampleId, expression: request.expression, kind: request.kind, timeoutMs });
      });
    },

    dispose() {
      settle()?.reject(new Error('The evaluator was closed.'));
      stop();
    },
  };
}
