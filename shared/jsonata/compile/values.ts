// The value rules of jsonata 2.x that the compiled nodes share, translated from jsonata.js (evaluate's
// sequence normalisation, fn.lookup, fn.append, fn.boolean, fn.string, flatten): sequences are arrays
// flagged `sequence` (./sequence.ts), constructed arrays are flagged `cons`, and the input array is
// wrapped in a sequence flagged `outerWrapper`. Number checks come from the function library's values.
import type { JsonataSequence } from './sequence.js';
import { FunctionValue, isBuiltin, isFunction } from './function-values.js';
import { isNumeric } from './functions/values.js';

/** The flags jsonata puts on arrays besides `sequence`. */
export type FlaggedArray = unknown[] & { sequence?: boolean; keepSingleton?: boolean; cons?: boolean; outerWrapper?: boolean };

/** An empty sequence, as jsonata's createSequence() (no sequence-length option: hosts do not set it). */
export function emptySequence(): JsonataSequence {
  const sequence = [] as unknown[] as JsonataSequence;
  sequence.sequence = true;
  return sequence;
}

export function sequenceOf(item: unknown): JsonataSequence {
  const sequence = emptySequence();
  sequence.push(item);
  return sequence;
}

export function isSequenceValue(value: unknown): value is JsonataSequence {
  return Array.isArray(value) && (value as FlaggedArray).sequence === true;
}

/** What jsonata's evaluate does to every result: `[]` keeps a singleton, an empty sequence is nothing, one item is itself. */
export function normalizeResult(result: unknown, keepArray: boolean): unknown {
  if (!Array.isArray(result) || (result as FlaggedArray).sequence !== true) return result;
  const sequence = result as FlaggedArray;
  if (keepArray) sequence.keepSingleton = true;
  if (sequence.length === 0) return undefined;
  if (sequence.length === 1) return sequence.keepSingleton ? sequence : sequence[0];
  return sequence;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** fn.lookup: a property of an object, or of every item of an array (one level of nested arrays flattened). */
export function lookupProperty(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = emptySequence();
    for (let index = 0; index < input.length; index++) {
      const value = lookupProperty(input[index], key);
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (let inner = 0; inner < value.length; inner++) result.push(value[inner]);
      } else {
        result.push(value);
      }
    }
    return result;
  }
  if (input === null || typeof input !== 'object' || !hasOwn.call(input, key)) return undefined;
  // Function values have no properties in jsonata. A built-in's own keys are name/signature/invoke, so
  // only those need the (slower, shape-dependent) built-in check on every object a path reads.
  if (input instanceof FunctionValue) return undefined;
  if ((key === 'name' || key === 'signature' || key === 'invoke') && isBuiltin(input)) return undefined;
  return (input as Record<string, unknown>)[key];
}

/** fn.append: undefined is ignored; otherwise both sides become arrays and are concatenated (which drops the flags). */
export function appendValues(first: unknown, second: unknown): unknown {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const left = Array.isArray(first) ? first : sequenceOf(first);
  const right = Array.isArray(second) ? second : [second];
  return left.concat(right);
}

/** fn.boolean: a value's effective boolean, undefined for undefined. */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return toBoolean(value[0]);
    if (value.length > 1) {
      let trues = 0;
      for (const item of value) if (toBoolean(item)) trues++;
      return trues > 0;
    }
    return false;
  }
  if (typeof value === 'string') return value.length > 0;
  if (isNumeric(value)) return value !== 0;
  if (value !== null && typeof value === 'object' && !isFunction(value)) return Object.keys(value).length > 0;
  return value === true;
}

/** fn.string without `prettify`: what `&` does to each side (D3001 for Infinity/NaN, 15 significant digits). */
export function stringifyValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isFunction(value)) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const error = { code: 'D3001', value, message: '' };
    throw error;
  }
  const subject = Array.isArray(value) && (value as FlaggedArray).outerWrapper ? value[0] : value;
  return JSON.stringify(subject, (_key, item: unknown) => {
    if (item !== undefined && item !== null && isNumeric(item)) return Number.isInteger(item) ? item : Number(item.toPrecision(15));
    return item && isFunction(item) ? '' : item;
  });
}

/** utils.isArrayOfNumbers (an empty array is one). */
export function isArrayOfNumbers(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isNumeric(item)) return false;
  return true;
}

/** The evaluator's flatten: every nested array's items, depth first. */
export function flattenDeep(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) flattenDeep(item, into);
  } else {
    into.push(value);
  }
  return into;
}

/** Marks a constructed array the way jsonata does (non-enumerable `cons`), so paths do not flatten it. */
export function markConstructed(array: unknown[]): void {
  Object.defineProperty(array, 'cons', { enumerable: false, configurable: false, value: true });
}
