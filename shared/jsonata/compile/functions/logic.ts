// The boolean and type built-ins ($boolean $not $exists $type $error $assert) with jsonata 2.x's rules for
// a value's effective boolean (arrays by their members, empty strings/objects false, functions false).
import type { BuiltinFunction } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';
import { isFunctionValue, isNumeric, objectKeys } from './values.js';

/** jsonata's effective boolean value (its `boolean` function); undefined stays undefined. */
export function effectiveBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return effectiveBoolean(value[0]) as boolean;
    // every member is looked at (no short cut), so an infinite number anywhere fails as in jsonata
    return value.length > 1 && value.filter((item) => effectiveBoolean(item)).length > 0;
  }
  if (typeof value === 'string') return value.length > 0;
  if (isNumeric(value)) return value !== 0;
  if (value !== null && typeof value === 'object' && !isFunctionValue(value)) return objectKeys(value).length > 0;
  return value === true;
}

/** jsonata's $type, quirks included: NaN is an 'object' (it is not numeric and not anything else). */
function typeName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (isNumeric(value)) return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isFunctionValue(value)) return 'function';
  return 'object';
}

export const logicFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('boolean', '<x-:b>', ([value]) => effectiveBoolean(value)),
  defineBuiltin('not', '<x-:b>', ([value]) => (value === undefined ? undefined : !effectiveBoolean(value))),
  defineBuiltin('exists', '<x:b>', ([value]) => value !== undefined),
  defineBuiltin('type', '<x:s>', ([value]) => typeName(value)),
  defineBuiltin('error', '<s?:x>', ([message]) => {
    throw jsonataError('D3137', { message: (message as string | undefined) || '$error() function evaluated' });
  }),
  defineBuiltin('assert', '<bs?:x>', ([condition, message]) => {
    if (!condition) throw jsonataError('D3141', { message: (message as string | undefined) || '$assert() statement failed' });
    return undefined;
  }),
];
