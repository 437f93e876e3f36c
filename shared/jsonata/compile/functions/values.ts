// How the built-in functions look at values, mirroring jsonata 2.x's utils module (isNumeric, isFunction,
// isDeepEqual, stringToArray, keys) so that every type decision matches the reference interpreter's.
import { jsonataError } from './errors.js';

/**
 * A function value: jsonata's own (`_jsonata_function` / `_jsonata_lambda` markers), any JavaScript
 * function (the compiler's lambdas), or a BuiltinFunction passed as a value (`$map(xs, $string)`). Payload
 * data is JSON, so it can hold none of these.
 */
export function isFunctionValue(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown; invoke?: unknown; signature?: unknown };
  return (
    marked._jsonata_function === true ||
    marked._jsonata_lambda === true ||
    (typeof marked.invoke === 'function' && typeof marked.signature === 'string')
  );
}

/** jsonata's isNumeric: a number that is not NaN; an infinite number is an error (D1001), as there. */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw jsonataError('D1001', { value });
  return true;
}

/** The one-letter type symbols of jsonata's signatures: s n b l a o f, and m for a missing argument. */
export function typeSymbol(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'function':
      return 'f';
    case 'object':
      if (value === null) return 'l';
      if (Array.isArray(value)) return 'a';
      return isFunctionValue(value) ? 'f' : 'o';
    default:
      return 'm';
  }
}

/** Own enumerable keys of an object (jsonata's utils.keys), none for anything else. */
export function objectKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

/** A plain (non-function) object's property, read the way jsonata reads one. */
export function propertyOf(value: unknown, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/** The string split into code points: jsonata counts and slices strings this way (surrogate pairs are one). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when code points and UTF-16 units coincide, so the string can be measured and sliced directly. */
export function isSingleUnitText(text: string): boolean {
  return !SURROGATE.test(text);
}

/** jsonata's length of a string: its code points. */
export function codePointLength(text: string): number {
  return isSingleUnitText(text) ? text.length : codePoints(text).length;
}

/** jsonata's isDeepEqual ($distinct): arrays element-wise, objects by own property names in any order. */
export function deepEquals(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null) return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (lhs.length !== rhs.length) return false;
    return lhs.every((item, index) => deepEquals(item, rhs[index]));
  }
  const leftKeys = Object.getOwnPropertyNames(lhs).sort();
  const rightKeys = Object.getOwnPropertyNames(rhs).sort();
  if (leftKeys.length !== rightKeys.length) return false;
  if (leftKeys.some((key, index) => key !== rightKeys[index])) return false;
  return leftKeys.every((key) => deepEquals(propertyOf(lhs, key), propertyOf(rhs, key)));
}
