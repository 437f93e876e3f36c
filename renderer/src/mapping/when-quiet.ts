// Runs a task once the user has left the page alone for a moment: no pointer, wheel or key input for
// `quietMs`. For work that is one long task and can wait (loading Monaco ahead of its first use), so it
// does not land in the middle of a pan or a drag. No DOM types here (the event target and the timers
// are passed in), so the rules are unit-tested.
import { realTimers, type Timers } from './evaluation-scheduler.js';

/** The part of `window` used here. */
export interface InputSource {
  addEventListener(type: string, listener: () => void, options: { capture: boolean; passive: boolean }): void;
  removeEventListener(type: string, listener: () => void, capture: boolean): void;
}

export const QUIET_INPUTS = ['pointerdown', 'pointermove', 'wheel', 'keydown'] as const;

/** Runs `task` after `quietMs` without input (each input restarts the wait); returns a cancel. */
export function whenQuiet(source: InputSource, task: () => void, quietMs: number, timers: Timers = realTimers): () => void {
  let timer: unknown;
  let done = false;
  const stop = () => {
    done = true;
    timers.clearTimeout(timer);
    for (const type of QUIET_INPUTS) source.removeEventListener(type, wait, true);
  };
  function wait() {
    if (done) return;
    timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      stop();
      task();
    }, quietMs);
  }
  for (const type of QUIET_INPUTS) source.addEventListener(type, wait, { capture: true, passive: true });
  wait();
  return stop;
}
