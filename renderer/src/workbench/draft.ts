// An expression while it is typed (in the workbench and the inspector, through
// ../mapping/use-draft-expression.ts): shown and evaluated at once, written to the flow document a moment
// later (or at once on blur, close, Format or a designer shortcut). Writing each keystroke to the document
// re-rendered the whole designer (canvas, inspector, its editor, the header) inside the keystroke, which
// kept the output from following within a frame; the undo history coalesces typing anyway. No React and
// no real clock here (timers are passed in), so the rules are unit-tested.
import { realTimers, type Timers } from '../mapping/evaluation-scheduler.js';

/** How long typing may go before the document gets the expression. */
export const DRAFT_COMMIT_MS = 200;

export interface DraftOptions {
  /** Writes the expression to the document. */
  commit(value: string): void;
  delayMs?: number;
  timers?: Timers;
}

export interface Draft {
  /** A keystroke: the value is kept and committed once typing pauses. */
  change(value: string): void;
  /** Commits the waiting value now (blur, close, Format, unmount); nothing when none waits. */
  flush(): void;
  /** True while a typed value has not reached the document yet. */
  readonly pending: boolean;
}

export function createDraft({ commit, delayMs = DRAFT_COMMIT_MS, timers = realTimers }: DraftOptions): Draft {
  let waiting: { value: string; timer: unknown } | undefined;
  const flush = (): void => {
    if (!waiting) return;
    const { value, timer } = waiting;
    waiting = undefined;
    timers.clearTimeout(timer);
    commit(value);
  };
  return {
    change(value: string): void {
      if (waiting) timers.clearTimeout(waiting.timer);
      waiting = { value, timer: timers.setTimeout(flush, delayMs) };
    },
    flush,
    get pending(): boolean {
      return waiting !== undefined;
    },
  };
}
