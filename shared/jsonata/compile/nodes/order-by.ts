// The order-by step `^(…)` (jsonata.js evaluateSortExpression with fn.sort): a stable merge sort, split
// and merged exactly as jsonata's, whose comparator evaluates the terms in order until one differs.
// Undefined sorts last (whatever the direction); other values must be all strings or all numbers
// (T2008, T2007). A term is evaluated once per item, on the item's first comparison.
import type { AstNode } from '../ast.js';
import { jsonataError } from '../error-messages.js';
import type { NodeCompiler } from '../node-compiler.js';
import { positionOf } from '../node-compiler.js';
import type { Evaluator, Frame } from '../runtime.js';
import type { CompileScope } from '../scope.js';
import { compileFilterStage } from './filters.js';
import { Unsupported } from '../ast.js';

const NOT_YET: unique symbol = Symbol('not yet evaluated');

interface Term {
  evaluate: Evaluator;
  descending: boolean;
}

function mergeSort(indices: number[], swap: (left: number, right: number) => boolean): number[] {
  if (indices.length <= 1) return indices;
  const middle = Math.floor(indices.length / 2);
  const left = mergeSort(indices.slice(0, middle), swap);
  const right = mergeSort(indices.slice(middle), swap);
  const merged: number[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    if (swap(left[l] as number, right[r] as number)) merged.push(right[r++] as number);
    else merged.push(left[l++] as number);
  }
  while (l < left.length) merged.push(left[l++] as number);
  while (r < right.length) merged.push(right[r++] as number);
  return merged;
}

export function compileSortStep(step: AstNode, scope: CompileScope, compiler: NodeCompiler) {
  const position = positionOf(step);
  const terms: Term[] = (step.terms ?? []).map((term) => ({ evaluate: compiler.compile(term.expression, scope), descending: term.descending === true }));
  const stages = (step.stages ?? []).map((stage) => {
    if (stage.type !== 'filter') throw new Unsupported('index # binding');
    return compileFilterStage(stage, scope, compiler);
  });

  function sort(input: ArrayLike<unknown>, frame: Frame): unknown {
    if (input.length <= 1) return input;
    const guard = frame.run.guard;
    const keys = terms.map(() => new Array<unknown>(input.length).fill(NOT_YET));
    const keyOf = (term: number, item: number): unknown => {
      const cache = keys[term] as unknown[];
      let key = cache[item];
      if (key === NOT_YET) {
        key = (terms[term] as Term).evaluate(input[item], frame);
        cache[item] = key;
      }
      return key;
    };
    const swap = (a: number, b: number): boolean => {
      guard.tick();
      let comparison = 0;
      for (let index = 0; comparison === 0 && index < terms.length; index++) {
        const left = keyOf(index, a);
        const right = keyOf(index, b);
        const leftType = typeof left;
        const rightType = typeof right;
        if (left === undefined) {
          comparison = right === undefined ? 0 : 1;
          continue;
        }
        if (right === undefined) {
          comparison = -1;
          continue;
        }
        if (!(leftType === 'string' || leftType === 'number') || !(rightType === 'string' || rightType === 'number')) {
          throw jsonataError('T2008', { position, value: !(leftType === 'string' || leftType === 'number') ? left : right });
        }
        if (leftType !== rightType) throw jsonataError('T2007', { position, value: left, value2: right });
        if (left === right) continue;
        comparison = (left as string | number) < (right as string | number) ? -1 : 1;
        if ((terms[index] as Term).descending) comparison = -comparison;
      }
      return comparison === 1;
    };
    const order = mergeSort(Array.from({ length: input.length }, (_unused, index) => index), swap);
    return order.map((index) => input[index]);
  }

  return (input: ArrayLike<unknown>, frame: Frame): unknown => {
    let result = sort(input, frame);
    for (const stage of stages) result = stage(result, frame);
    return result;
  };
}
