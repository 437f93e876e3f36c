// The object built-ins ($keys $lookup $merge $spread $each $sift) with jsonata 2.x's semantics: results
// built on null-prototype objects, arrays of objects looked into member by member, sequences where
// jsonata makes them.
import type { BuiltinFunction, CallContext } from '../contract.js';
import { NeedsInterpreter } from '../contract.js';
import { createSequence } from '../sequence.js';
import { append } from './array.js';
import { defineBuiltin } from './define.js';
import { hofArguments } from './higher-order.js';
import { effectiveBoolean } from './logic.js';
import { isFunctionValue, objectKeys, propertyOf } from './values.js';

const isPlainObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !isFunctionValue(value);

function keys(value: unknown, context: CallContext): unknown[] {
  if (Array.isArray(value)) {
    // keys of every member, each once, in the order a null-prototype object lists them
    const merged: Record<string, true> = Object.create(null) as Record<string, true>;
    for (const item of value) {
      context.guard.tick();
      for (const key of keys(item, context)) merged[key as string] = true;
    }
    return keys(merged, context);
  }
  const result = createSequence();
  if (isPlainObject(value)) for (const key of objectKeys(value)) result.push(key);
  return result;
}

function lookup(value: unknown, key: string, context: CallContext): unknown {
  if (Array.isArray(value)) {
    const found = createSequence();
    for (const item of value) {
      context.guard.tick();
      const result = lookup(item, key, context);
      if (result === undefined) continue;
      if (Array.isArray(result)) for (const member of result as unknown[]) found.push(member);
      else found.push(result);
    }
    return found;
  }
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, key)) return propertyOf(value, key);
  return undefined;
}

function merge(objects: unknown[] | undefined, context: CallContext): unknown {
  if (objects === undefined) return undefined;
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const item of objects) {
    context.guard.tick();
    for (const key of objectKeys(item)) result[key] = propertyOf(item, key);
  }
  return result;
}

function spread(value: unknown, context: CallContext): unknown {
  if (Array.isArray(value)) {
    let result: unknown = createSequence();
    for (const item of value) {
      context.guard.tick();
      result = append(result, spread(item, context));
    }
    return result;
  }
  if (value !== null && typeof value === 'object' && (value as { _jsonata_lambda?: unknown })._jsonata_lambda !== true) {
    // inside an array jsonata spreads a native function's own fields; a built-in's differ, so leave that to it
    if (isFunctionValue(value)) throw new NeedsInterpreter('$spread of a built-in function value');
    const result = createSequence();
    for (const key of objectKeys(value)) {
      const single: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      single[key] = propertyOf(value, key);
      result.push(single);
    }
    return result;
  }
  return value;
}

function each(object: unknown, callback: unknown, context: CallContext): unknown[] {
  const result = createSequence();
  for (const key of objectKeys(object)) {
    context.guard.tick();
    const value = context.apply(callback, hofArguments(callback, context, propertyOf(object, key), key, object));
    if (value !== undefined) result.push(value);
  }
  return result;
}

function sift(object: unknown, predicate: unknown, context: CallContext): unknown {
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of objectKeys(object)) {
    context.guard.tick();
    // jsonata reads the arity of a missing predicate and fails with a TypeError; so does this
    if (predicate === undefined) throw new TypeError("Cannot read properties of undefined (reading 'arity')");
    const entry = propertyOf(object, key);
    if (effectiveBoolean(context.apply(predicate, hofArguments(predicate, context, entry, key, object)))) result[key] = entry;
  }
  return objectKeys(result).length === 0 ? undefined : result;
}

export const objectFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('keys', '<x-:a<s>>', ([value], context) => keys(value, context)),
  defineBuiltin('lookup', '<x-s:x>', ([value, key], context) => lookup(value, key as string, context)),
  defineBuiltin('merge', '<a<o>:o>', ([objects], context) => merge(objects as unknown[] | undefined, context)),
  // jsonata hands a function argument to its natives wrapped in a closure, which $spread returns as it is
  defineBuiltin('spread', '<x-:a<o>>', ([value], context) => (isFunctionValue(value) ? value : spread(value, context))),
  defineBuiltin('each', '<o-f:a>', ([object, callback], context) => each(object, callback, context)),
  defineBuiltin('sift', '<o-f?:o>', ([object, predicate], context) => sift(object, predicate, context)),
];
