// Predicates `[…]` (jsonata.js evaluateFilter). A literal number picks one item (negative counts from
// the end); any other predicate is evaluated per item, and per item jsonata decides: a number or an
// array of numbers selects by index, anything else filters by its effective boolean.
import type { AstNode } from '../ast.js';
import type { NodeCompiler } from '../node-compiler.js';
import type { Frame } from '../runtime.js';
import type { CompileScope } from '../scope.js';
import { emptySequence, isArrayOfNumbers, sequenceOf, toBoolean } from '../values.js';
import { isNumeric } from '../functions/values.js';

/** A predicate stage: the filtered sequence of `input` (a single value is a sequence of one). */
export type FilterStage = (input: unknown, frame: Frame) => unknown;

export function compileFilterStage(stage: AstNode, scope: CompileScope, compiler: NodeCompiler): FilterStage {
  const predicate = stage.expr as AstNode;
  if (predicate.type === 'number') {
    const literal = Math.floor(predicate.value as number);
    return (input) => {
      const items = Array.isArray(input) ? input : sequenceOf(input);
      const index = literal < 0 ? items.length + literal : literal;
      const item: unknown = items[index];
      if (item === undefined) return emptySequence();
      if (Array.isArray(item)) return item;
      return sequenceOf(item);
    };
  }
  const evaluate = compiler.compile(predicate, scope);
  return (input, frame) => {
    const items = Array.isArray(input) ? input : sequenceOf(input);
    const results = emptySequence();
    const guard = frame.run.guard;
    for (let index = 0; index < items.length; index++) {
      guard.tick();
      const item: unknown = items[index];
      let result = evaluate(item, frame);
      if (isNumeric(result)) result = [result];
      if (isArrayOfNumbers(result)) {
        for (const selector of result as number[]) {
          let wanted = Math.floor(selector);
          if (wanted < 0) wanted = items.length + wanted;
          if (wanted === index) results.push(item);
        }
      } else if (toBoolean(result)) {
        results.push(item);
      }
    }
    return results;
  };
}
