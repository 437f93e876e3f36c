// When the live output pane asks for an evaluation: an optional debounce after each keystroke, at most
// one request in flight (a 5 MB sample never piles up behind fast typing: only the newest waiting
// request is kept), the superseded request's signal aborted, and any answer that is not for the newest
// request dropped — so the pane never shows the output of an expression that is no longer there.
// No React and no real clock (timers are passed in), so the rules are unit-tested with a fake clock.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions<Request, Answer> {
  /** Does the work; `signal` aborts when a newer request supersedes this one. */
  evaluate(request: Request, signal: AbortSignal): Promise<Answer>;
  /** Told the answer of the newest request only. */
  onAnswer(answer: Answer, request: Request): void;
  /** Told when the newest request failed (transport down…); stale failures are dropped too. */
  onFailure(error: unknown, request: Request): void;
  /** Called when a request starts and when the newest one settles (for an "evaluating…" hint). */
  onBusy?(busy: boolean): void;
  delayMs: number;
  timers?: Timers;
}

export interface EvaluationScheduler<Request> {
  /** Asks for `request` to be evaluated; supersedes every earlier one. */
  schedule(request: Request): void;
  /** Forgets pending and in-flight work: no answer arrives for anything asked before. */
  cancel(): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function createEvaluationScheduler<Request, Answer>(options: SchedulerOptions<Request, Answer>): EvaluationScheduler<Request> {
  const timers = options.timers ?? realTimers;
  /** Number of the newest request; an answer for any other number is stale. */
  let latest = 0;
  let timer: unknown;
  let inFlight: { seq: number; controller: AbortController } | undefined;
  let waiting: { seq: number; request: Request } | undefined;

  const start = (seq: number, request: Request) => {
    const controller = new AbortController();
    inFlight = { seq, controller };
    options.onBusy?.(true);
    let promise: Promise<Answer>;
    try {
      promise = options.evaluate(request, controller.signal);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (answer) => settle(seq, () => options.onAnswer(answer, request)),
      (error: unknown) => settle(seq, () => options.onFailure(error, request)),
    );
  };

  const settle = (seq: number, deliver: () => void) => {
    if (inFlight?.seq === seq) inFlight = undefined;
    if (seq === latest) {
      deliver();
      options.onBusy?.(false);
    }
    if (inFlight === undefined && waiting !== undefined) {
      const next = waiting;
      waiting = undefined;
      start(next.seq, next.request);
    }
  };

  const fire = (seq: number, request: Request) => {
    timer = undefined;
    if (seq !== latest) return;
    if (inFlight === undefined) start(seq, request);
    else {
      // One at a time: the running one is told it is stale and this one waits for it to settle.
      inFlight.controller.abort();
      waiting = { seq, request };
    }
  };

  return {
    schedule(request) {
      latest += 1;
      const seq = latest;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      // No delay: start (or queue behind the running one) at once, not a timer tick later.
      if (options.delayMs <= 0) fire(seq, request);
      else timer = timers.setTimeout(() => fire(seq, request), options.delayMs);
    },
    cancel() {
      latest += 1;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
      inFlight?.controller.abort();
      options.onBusy?.(false);
    },
  };
}
