// What generated code (./generate.ts) calls at run time: the compiler's own helpers, so a generated node
// and its closure counterpart share every rule that is not written out inline. Each is a small function
// with one job, which V8 inlines into the generated function that calls it.
import { isJsonataError, jsonataError } from '../error-messages.js';
import { applyFunction, FunctionValue, isBuiltin, noteCallSite } from '../function-values.js';
import { isNumeric } from '../functions/values.js';
import { roundHalfEven } from '../functions/numeric.js';
import type { Operation } from '../nodes/operators.js';
import { boolize, stamp } from '../nodes/operators.js';
import { globalValue } from '../nodes/blocks.js';
import type { FlaggedArray } from '../values.js';
import { emptySequence, lookupProperty, normalizeResult, sequenceOf, toBoolean } from '../values.js';

/** jsonata's evaluate normalisation for a node without `[]`: only a sequence changes. */
function norm(value: unknown): unknown {
  return Array.isArray(value) && (value as FlaggedArray).sequence === true ? normalizeResult(value, false) : value;
}

/** A binary operator on values the inline fast path does not cover, its errors stamped as evaluateBinary's. */
function operate(operation: Operation, lhs: unknown, rhs: unknown, position: number, token: string): unknown {
  try {
    return operation(lhs, rhs);
  } catch (error) {
    throw stamp(error, position, token);
  }
}

/** Unary minus (../nodes/operators.ts compileUnaryMinus). */
function negate(value: unknown, position: number): unknown {
  if (value === undefined) return undefined;
  if (isNumeric(value)) return -value;
  throw jsonataError('D1002', { position, token: '-', value });
}

/** What an error leaving a call gets: the call's position and the function's name, unless it has them. */
function stampCall(error: unknown, position: number, token: string): unknown {
  if (isJsonataError(error)) {
    if (!error.position) error.position = position;
    if (!error.token) error.token = token;
  }
  return error;
}

/** Whether every item is a number: the `a<n>` check of `$sum` (which an empty array passes). */
function allNumbers(items: readonly unknown[]): boolean {
  for (let index = 0; index < items.length; index++) if (typeof items[index] !== 'number') return false;
  return true;
}

/** `$sum`'s body (../functions/numeric.ts): added in order from 0, as jsonata does. */
function sumNumbers(numbers: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < numbers.length; index++) sum += numbers[index] as number;
  return sum;
}

const hasOwn = Object.prototype.hasOwnProperty;

export const GENERATED_RUNTIME = {
  norm,
  operate,
  negate,
  stampCall,
  stamp,
  boolize,
  toBoolean,
  hasOwn,
  isBuiltin,
  FunctionValue,
  isJsonataError,
  globalValue,
  noteCallSite,
  applyFunction,
  lookupProperty,
  emptySequence,
  sequenceOf,
  allNumbers,
  sumNumbers,
  roundHalfEven,
};

/** The names generated source may use for them (destructured once per generated function). */
export const GENERATED_RUNTIME_NAMES: readonly string[] = Object.keys(GENERATED_RUNTIME);
