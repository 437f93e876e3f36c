// $sort: jsonata 2.x's stable top-down merge sort, with its comparator protocol (a truthy result means
// "swap") and the same sequence of comparator calls, so even an inconsistent comparator gives the same
// order. Without a comparator only all-number or all-string arrays sort (D3070).
import type { BuiltinFunction, CallContext } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';
import { isNumeric } from './values.js';

type Swaps = (left: unknown, right: unknown) => unknown;

function mergeSorted(left: unknown[], right: unknown[], swaps: Swaps, context: CallContext): unknown[] {
  const merged: unknown[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    context.guard.tick();
    if (swaps(left[l], right[r])) merged.push(right[r++]);
    else merged.push(left[l++]);
  }
  for (; l < left.length; l++) merged.push(left[l]);
  for (; r < right.length; r++) merged.push(right[r]);
  return merged;
}

function mergeSort(items: unknown[], swaps: Swaps, context: CallContext): unknown[] {
  if (items.length <= 1) return items;
  const middle = Math.floor(items.length / 2);
  const left = mergeSort(items.slice(0, middle), swaps, context);
  const right = mergeSort(items.slice(middle), swaps, context);
  return mergeSorted(left, right, swaps, context);
}

function sort(items: unknown[] | undefined, comparator: unknown, context: CallContext): unknown[] | undefined {
  if (items === undefined) return undefined;
  if (items.length <= 1) return items;
  let swaps: Swaps;
  if (comparator === undefined) {
    // jsonata tests every member (isNumeric throws D1001 on an infinite one) before sorting
    const allNumbers = items.filter((item) => !isNumeric(item)).length === 0;
    const allStrings = items.every((item) => typeof item === 'string');
    if (!allNumbers && !allStrings) throw jsonataError('D3070', { index: 1 });
    swaps = (a, b) => (a as number) > (b as number);
  } else {
    swaps = (a, b) => context.apply(comparator, [a, b]);
  }
  return mergeSort(items, swaps, context);
}

export const sortFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('sort', '<af?:a>', ([items, comparator], context) => sort(items as unknown[] | undefined, comparator, context)),
];
