// The higher-order built-ins ($map $filter $single $reduce). Callbacks go through `context.apply` with only
// as many arguments as the callback declares (jsonata's hofFuncArgs: value, then index or key, then the
// whole array or object), and the guard ticks once per element.
import type { BuiltinFunction, CallContext } from '../contract.js';
import { createSequence } from '../sequence.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';
import { effectiveBoolean } from './logic.js';

/** jsonata's hofFuncArgs: the value always, the position and the whole only if the callback takes them. */
export function hofArguments(callback: unknown, context: CallContext, value: unknown, position: unknown, whole: unknown): unknown[] {
  const arity = context.arity(callback);
  if (arity >= 3) return [value, position, whole];
  return arity >= 2 ? [value, position] : [value];
}

function map(items: unknown[] | undefined, callback: unknown, context: CallContext): unknown[] | undefined {
  if (items === undefined) return undefined;
  const result = createSequence();
  items.forEach((item, index) => {
    context.guard.tick();
    const mapped = context.apply(callback, hofArguments(callback, context, item, index, items));
    if (mapped !== undefined) result.push(mapped);
  });
  return result;
}

function filter(items: unknown[] | undefined, predicate: unknown, context: CallContext): unknown[] | undefined {
  if (items === undefined) return undefined;
  const result = createSequence();
  items.forEach((item, index) => {
    context.guard.tick();
    if (effectiveBoolean(context.apply(predicate, hofArguments(predicate, context, item, index, items)))) result.push(item);
  });
  return result;
}

function single(items: unknown[] | undefined, predicate: unknown, context: CallContext): unknown {
  if (items === undefined) return undefined;
  let found = false;
  let result: unknown;
  items.forEach((item, index) => {
    context.guard.tick();
    const matches = predicate === undefined || effectiveBoolean(context.apply(predicate, hofArguments(predicate, context, item, index, items)));
    if (!matches) return;
    if (found) throw jsonataError('D3138', { index });
    result = item;
    found = true;
  });
  if (!found) throw jsonataError('D3139');
  return result;
}

function reduce(items: unknown[] | undefined, callback: unknown, initial: unknown, context: CallContext): unknown {
  if (items === undefined) return undefined;
  const arity = context.arity(callback);
  if (arity < 2) throw jsonataError('D3050', { index: 1 });
  let index = initial === undefined && items.length > 0 ? 1 : 0;
  let result = index === 1 ? items[0] : initial;
  for (; index < items.length; index++) {
    context.guard.tick();
    const args = [result, items[index]];
    if (arity >= 3) args.push(index);
    if (arity >= 4) args.push(items);
    result = context.apply(callback, args);
  }
  return result;
}

export const higherOrderFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('map', '<af>', ([items, callback], context) => map(items as unknown[] | undefined, callback, context)),
  defineBuiltin('filter', '<af>', ([items, predicate], context) => filter(items as unknown[] | undefined, predicate, context)),
  defineBuiltin('single', '<af?>', ([items, predicate], context) => single(items as unknown[] | undefined, predicate, context)),
  defineBuiltin('reduce', '<afj?:j>', ([items, callback, initial], context) => reduce(items as unknown[] | undefined, callback, initial, context)),
];
