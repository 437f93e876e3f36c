// What the workbench asks its evaluation workers, asked once. A keystroke asks for the outputs straight
// from the editor's change event, before React has rendered the typed text (that render waited up to
// ~10 ms behind the editor's own work, and the workers with it); the render that follows asks again,
// now with the sub-expression under the cursor. That second ask must not supersede the first — it would
// throw away an evaluation already under way — so while the first one's outputs are still being worked
// out it only hands over the sub-expression, which is evaluated after them; once they are in, a new
// sub-expression (the cursor moved) is asked alone, the outputs kept. A fresh ask first lets the caller
// show the outputs itself (./quick-outputs.ts, on the UI thread within the keystroke); the workers are
// then asked only for the sub-expression. No React here, so the rules are unit-tested.

import type { OutputView } from '../mapping/mapping-output-text.js';

/** One sample's outcome: its view, or why it could not be evaluated at all. */
export type SampleOutcome = { view: OutputView } | { failure: string };

export interface OutputsRequest {
  expression: string;
  kind: 'expression' | 'template';
  samples: readonly unknown[];
  /** The sub-expression under the cursor, evaluated against the first sample after the outputs. */
  sub?: string;
}

/** One ask as the scheduler runs it: its `sub` may still change until `outputsDone` is set. */
export interface AskedRequest extends OutputsRequest {
  /** Set by the evaluation once every sample's output is in; `sub` is read after that. */
  outputsDone: boolean;
  /** Only `sub` is wanted: the outputs of this expression are already shown. */
  subOnly: boolean;
}

export interface OutputsAsker {
  /**
   * Asks for `request` unless it is already asked; false when there is nothing to evaluate. On a fresh
   * ask `showNow` is called first: true means it showed the outputs, and only the sub-expression is asked.
   */
  ask(request: OutputsRequest, showNow?: (request: OutputsRequest) => boolean): boolean;
  /** Forgets the last ask (the scheduler was cancelled): the next ask is asked afresh. */
  forget(): void;
}

export function createOutputsAsker(schedule: (request: AskedRequest) => void): OutputsAsker {
  let last: AskedRequest | undefined;
  return {
    ask(request, showNow) {
      if (request.expression.trim() === '') return false;
      if (last && last.expression === request.expression && last.kind === request.kind && last.samples === request.samples) {
        if (last.sub === request.sub) return true;
        if (!last.outputsDone) {
          last.sub = request.sub;
          return true;
        }
        last = { ...request, outputsDone: true, subOnly: true };
        schedule(last);
        return true;
      }
      const entry: AskedRequest = { ...request, outputsDone: false, subOnly: false };
      last = entry;
      // `showNow` renders, and the render asks again (with the sub-expression): that ask joins this one.
      if (showNow?.(request) === true) {
        entry.outputsDone = true;
        entry.subOnly = true;
      }
      // A different request asked while showing supersedes this one: it is scheduled already.
      if (last === entry) schedule(entry);
      return true;
    },
    forget() {
      last = undefined;
    },
  };
}
