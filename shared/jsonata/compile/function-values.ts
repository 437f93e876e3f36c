// Function values of compiled code and how they are applied (jsonata.js apply/applyInner/applyProcedure,
// partialApplyProcedure, the `~>` chain). A lambda, a partial application and a `$f ~> $g` chain are
// FunctionValues (flagged `_jsonata_lambda`, so the function library's isFunctionValue knows them); a
// built-in passed as a value is the BuiltinFunction itself. Tail calls in a lambda body come back as a
// TailCall and are run by applyFunction's loop, as jsonata's trampoline does, so a tail-recursive lambda
// does not grow the stack or the guard's depth.
import type { BuiltinFunction, CallContext } from './contract.js';
import { isJsonataError, jsonataError } from './error-messages.js';
import type { Evaluator, Frame, Run } from './runtime.js';
import { newFrame } from './runtime.js';
import { checkPartialOfBuiltin, checkUnvalidatedCall } from './partial-native.js';

export abstract class FunctionValue {
  readonly _jsonata_lambda = true;
  /** The call site that last called this value: jsonata stamps it on the procedure and on errors leaving it. */
  position: number | undefined;
  token: string | undefined;
  abstract readonly arity: number;
  /** One application; a lambda may return a TailCall for applyFunction to continue with. */
  abstract call(args: readonly unknown[], run: Run): unknown;
}

export interface LambdaDefinition {
  readonly parameterCount: number;
  readonly slotCount: number;
  readonly body: Evaluator;
}

// Function values keep what they close over in #private fields: a value that reaches a serializer shows
// its `_jsonata_lambda` flag, never the evaluation's frames, guard or input.
export class LambdaValue extends FunctionValue {
  readonly #definition: LambdaDefinition;
  readonly #input: unknown;
  readonly #frame: Frame;

  constructor(definition: LambdaDefinition, input: unknown, frame: Frame) {
    super();
    this.#definition = definition;
    this.#input = input;
    this.#frame = frame;
  }

  get arity(): number {
    return this.#definition.parameterCount;
  }

  call(args: readonly unknown[], run: Run): unknown {
    const { parameterCount, slotCount, body } = this.#definition;
    const frame = newFrame(this.#frame, slotCount);
    for (let index = 0; index < parameterCount; index++) frame.slots[index] = args[index];
    run.guard.enter();
    try {
      return body(this.#input, frame);
    } finally {
      run.guard.leave();
    }
  }
}

/** The marker of a `?` in a partial application's arguments. */
export const PLACEHOLDER: unique symbol = Symbol('placeholder');

export class PartialValue extends FunctionValue {
  readonly arity: number;
  readonly #target: FunctionValue | BuiltinFunction;
  readonly #fixed: readonly unknown[];

  constructor(target: FunctionValue | BuiltinFunction, fixed: readonly unknown[]) {
    super();
    if (!(target instanceof FunctionValue)) checkPartialOfBuiltin(target);
    this.#target = target;
    this.#fixed = fixed;
    this.arity = fixed.filter((argument) => argument === PLACEHOLDER).length;
  }

  call(args: readonly unknown[], run: Run): unknown {
    const merged: unknown[] = [];
    let next = 0;
    for (const argument of this.#fixed) merged.push(argument === PLACEHOLDER ? args[next++] : argument);
    // jsonata calls a partially applied native with every declared parameter; trailing ones it did not
    // get are undefined, which the signature check takes as missing.
    while (merged.length > 0 && merged[merged.length - 1] === undefined) merged.pop();
    // …and without checking its signature (./partial-native.ts says when that differs from a checked call).
    if (!(this.#target instanceof FunctionValue)) checkUnvalidatedCall(this.#target, merged, isBuiltin);
    return applyOnce(run, this.#target, merged, null, this.position ?? 0);
  }
}

/** `$f ~> $g` where both are functions: jsonata's chain λ($x){ $g($f($x)) }. */
export class ChainValue extends FunctionValue {
  readonly arity = 1;
  readonly #first: unknown;
  readonly #second: unknown;

  constructor(first: unknown, second: unknown) {
    super();
    this.#first = first;
    this.#second = second;
  }

  call(args: readonly unknown[], run: Run): unknown {
    const position = this.position ?? 0;
    return applyFunction(run, this.#second, [applyFunction(run, this.#first, [args[0]], null, position)], null, position);
  }
}

/** A call in a lambda's tail position, to be made by the applyFunction loop after the lambda returned. */
export class TailCall {
  constructor(
    readonly procedure: unknown,
    readonly args: unknown[],
    readonly position: number,
    readonly token: string | undefined,
  ) {}
}

export function isBuiltin(value: unknown): value is BuiltinFunction {
  return typeof value === 'object' && value !== null && typeof (value as BuiltinFunction).invoke === 'function' && typeof (value as BuiltinFunction).signature === 'string';
}

/**
 * Compiled code's function values. Payload data is JSON and bindings holding jsonata's own function
 * objects are refused (NeedsInterpreter), so these two kinds are all there is; the check is cheap because
 * property lookups test it on every object they read.
 */
export function isFunction(value: unknown): boolean {
  return value instanceof FunctionValue || isBuiltin(value);
}

/**
 * How many parameters jsonata's implementation of each built-in declares (its JavaScript `length`, which
 * hofFuncArgs looks at): `$string`'s second parameter has a default, `$zip` reads `arguments`.
 */
const NATIVE_ARITY: Readonly<Record<string, number>> = {
  sum: 1, count: 1, max: 1, min: 1, average: 1, string: 1, substring: 3, substringBefore: 2, substringAfter: 2,
  lowercase: 1, uppercase: 1, length: 1, trim: 1, pad: 3, match: 3, contains: 2, replace: 4, split: 3, join: 2,
  formatNumber: 3, formatBase: 2, formatInteger: 2, parseInteger: 2, number: 1, floor: 1, ceil: 1, round: 2,
  abs: 1, sqrt: 1, power: 2, random: 0, boolean: 1, not: 1, map: 2, zip: 0, filter: 2, single: 2, reduce: 3,
  sift: 2, keys: 1, lookup: 2, append: 2, exists: 1, spread: 1, merge: 1, reverse: 1, each: 2, error: 1,
  assert: 2, type: 1, sort: 2, shuffle: 1, distinct: 1, base64encode: 1, base64decode: 1, encodeUrlComponent: 1,
  encodeUrl: 1, decodeUrlComponent: 1, decodeUrl: 1, eval: 2, toMillis: 2, fromMillis: 3, clone: 1, now: 2, millis: 0,
};

/** Every function jsonata 2.x defines: a call to one the library lacks must fall back. */
export const JSONATA_FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(NATIVE_ARITY));

export function arityOf(value: unknown): number {
  if (value instanceof FunctionValue) return value.arity;
  if (isBuiltin(value)) return NATIVE_ARITY[value.name] ?? 1;
  return 0;
}

/** The CallContext a built-in gets: built per call, since a built-in may call back into compiled code. */
class CallSite implements CallContext {
  constructor(
    private readonly run: Run,
    readonly input: unknown,
    readonly position: number,
  ) {}

  get guard() {
    return this.run.guard;
  }

  get timestamp() {
    return this.run.timestamp;
  }

  apply(fn: unknown, args: readonly unknown[]): unknown {
    // jsonata's higher-order functions call back with no context value (apply(arg, params, null, env)).
    return applyFunction(this.run, fn, args, null, this.position);
  }

  arity(fn: unknown): number {
    return arityOf(fn);
  }
}

/** jsonata's applyInner: one application, errors stamped with the procedure's token and last call site. */
export function applyOnce(run: Run, procedure: unknown, args: readonly unknown[], input: unknown, position: number): unknown {
  run.guard.tick();
  if (procedure instanceof FunctionValue) {
    try {
      return procedure.call(args, run);
    } catch (error) {
      if (isJsonataError(error)) {
        if (error.token === undefined && procedure.token !== undefined) error.token = procedure.token;
        error.position = procedure.position || error.position;
      }
      throw error;
    }
  }
  if (isBuiltin(procedure)) {
    try {
      return procedure.invoke(args, new CallSite(run, input, position));
    } catch (error) {
      // jsonata's built-ins are shared objects whose `position` each call site overwrites; an error leaving
      // one takes the position last written (a tail call writes it before its arguments are evaluated).
      const last = builtinPosition(run, procedure);
      if (last && isJsonataError(error)) error.position = last;
      throw error;
    }
  }
  throw jsonataError('T1006');
}

/** What jsonata's evaluateFunction and trampoline write on the procedure they are about to call. */
export function noteCallSite(run: Run, procedure: unknown, position: number, token: string | undefined): void {
  if (procedure instanceof FunctionValue) {
    procedure.position = position;
    procedure.token = token;
  } else if (isBuiltin(procedure)) {
    // Pairs of built-in and position: an evaluation calls few distinct built-ins, and a Map costs more to make.
    const positions = (run.builtinPositions ??= []);
    for (let index = 0; index < positions.length; index += 2) {
      if (positions[index] === procedure) {
        positions[index + 1] = position;
        return;
      }
    }
    positions.push(procedure, position);
  }
}

function builtinPosition(run: Run, procedure: unknown): number | undefined {
  const positions = run.builtinPositions;
  if (positions === undefined) return undefined;
  for (let index = 0; index < positions.length; index += 2) if (positions[index] === procedure) return positions[index + 1] as number;
  return undefined;
}

/** jsonata's apply: applyOnce, then the tail calls it hands back, in a loop. */
export function applyFunction(run: Run, procedure: unknown, args: readonly unknown[], input: unknown, position: number): unknown {
  let result = applyOnce(run, procedure, args, input, position);
  while (result instanceof TailCall) {
    const next = result.procedure;
    if (next instanceof FunctionValue) {
      next.position = result.position;
      if (result.token !== undefined) next.token = result.token;
    }
    result = applyOnce(run, next, result.args, input, result.position);
  }
  return result;
}
