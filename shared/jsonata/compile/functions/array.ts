// The array built-ins ($append $reverse $distinct $zip), with jsonata 2.x's sequence results: $append
// concatenates into a plain array, $distinct keeps a sequence a sequence, $reverse of one item is the item's array.
import type { BuiltinFunction, CallContext } from '../contract.js';
import { createSequence, isSequence } from '../sequence.js';
import { defineBuiltin } from './define.js';
import { deepEquals } from './values.js';

/** jsonata's append: undefined on either side gives the other; otherwise both become arrays and concat. */
export function append(first: unknown, second: unknown): unknown {
  if (first === undefined) return second;
  if (second === undefined) return first;
  const head = Array.isArray(first) ? first : createSequence(first);
  const tail = Array.isArray(second) ? second : [second];
  return head.concat(tail);
}

function reverse(items: unknown[] | undefined): unknown[] | undefined {
  if (items === undefined || items.length <= 1) return items;
  return items.slice().reverse();
}

function distinct(items: unknown, context: CallContext): unknown {
  if (!Array.isArray(items) || items.length <= 1) return items;
  const results: unknown[] = isSequence(items) ? createSequence() : [];
  for (const value of items) {
    context.guard.tick();
    let seen = false;
    for (const kept of results) {
      context.guard.tick();
      if (deepEquals(value, kept)) {
        seen = true;
        break;
      }
    }
    if (!seen) results.push(value);
  }
  return results;
}

/** Tuples of the arrays' members up to the shortest array's length (a missing argument counts as empty). */
function zip(arrays: unknown[], context: CallContext): unknown[][] {
  const length = Math.min(...arrays.map((array) => (Array.isArray(array) ? array.length : 0)));
  const tuples: unknown[][] = [];
  for (let index = 0; index < length; index++) {
    context.guard.tick();
    tuples.push(arrays.map((array) => (array as unknown[])[index]));
  }
  return tuples;
}

export const arrayFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('append', '<xx:a>', ([first, second]) => append(first, second)),
  defineBuiltin('reverse', '<a:a>', ([items]) => reverse(items as unknown[] | undefined)),
  defineBuiltin('distinct', '<x:x>', ([items], context) => distinct(items, context)),
  defineBuiltin('zip', '<a+>', (arrays, context) => zip(arrays, context)),
];
