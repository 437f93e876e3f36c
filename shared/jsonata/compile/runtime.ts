// What compiled code sees at run time: one Run per evaluation (guard, bindings, `$$`, timestamp), frames
// of variable slots (a block that binds variables, a lambda call, the evaluation itself), and the
// Evaluator every compiled AST node becomes. Slots are decided at compile time (./scope.ts), so looking
// a variable up is an index into an array, not a walk over name maps as in jsonata's createFrame.
import type { EvaluationGuard } from './contract.js';

export interface Run {
  readonly guard: EvaluationGuard;
  readonly bindings: Readonly<Record<string, unknown>> | undefined;
  /** `$$`: the input as given (before jsonata wraps an array input in a sequence). */
  readonly root: unknown;
  readonly timestamp: Date;
  /**
   * Evaluation steps so far, a stand-in for the awaits jsonata's asynchronous evaluation would have taken.
   * jsonata evaluates the items of a constructor concurrently (Promise.all), so when several fail, the
   * one that fails after the fewest awaits is the error it reports; ./nodes/constructors.ts compares these.
   */
  steps: number;
  /**
   * The call site each built-in was last called from, as pairs [built-in, position, …]: jsonata stamps it
   * on its shared function object (see applyOnce).
   */
  builtinPositions: unknown[] | undefined;
}

/**
 * One evaluation: its Run, and its root frame too (one object made per evaluation rather than two). The
 * timestamp is read from the clock when first asked for ($now, $millis), not per evaluation.
 */
export class EvaluationRun implements Run, Frame {
  steps = 0;
  builtinPositions: unknown[] | undefined = undefined;
  readonly parent = undefined;
  readonly run: Run = this;
  #timestamp: Date | undefined;

  constructor(
    readonly guard: EvaluationGuard,
    readonly bindings: Readonly<Record<string, unknown>> | undefined,
    readonly root: unknown,
    readonly slots: unknown[],
  ) {}

  get timestamp(): Date {
    return (this.#timestamp ??= new Date());
  }
}

export interface Frame {
  readonly slots: unknown[];
  readonly parent: Frame | undefined;
  readonly run: Run;
}

/** A compiled AST node: jsonata's evaluate(expr, input, environment) for that node. */
export type Evaluator = (input: unknown, frame: Frame) => unknown;

/** A slot whose `:=` has not run yet: lookups go on outwards, as jsonata's frame lookup does. */
export const UNBOUND: unique symbol = Symbol('unbound');

export function frameAt(frame: Frame, hops: number): Frame {
  let current = frame;
  for (let hop = 0; hop < hops; hop++) current = current.parent as Frame;
  return current;
}

export function newFrame(parent: Frame, size: number): Frame {
  const slots = new Array<unknown>(size);
  for (let index = 0; index < size; index++) slots[index] = UNBOUND;
  return { slots, parent, run: parent.run };
}
