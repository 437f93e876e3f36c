// Array and object constructors (jsonata.js evaluateUnary '[' and '{', evaluateGroupExpression). An
// array constructor appends each item (a nested `[…]` stays one item) and is flagged `cons` when it is a
// path step. An object constructor is a group-by: over each input item, each key expression names a
// group (T1003 for a non-string key, D1009 when two key expressions make the same key), and each
// group's value expression is evaluated over the items collected in it.
import type { AstNode } from '../ast.js';
import { isJsonataError, jsonataError } from '../error-messages.js';
import type { NodeCompiler } from '../node-compiler.js';
import { positionOf } from '../node-compiler.js';
import type { Evaluator, Frame } from '../runtime.js';
import type { CompileScope } from '../scope.js';
import { appendValues, isSequenceValue, markConstructed, sequenceOf } from '../values.js';
import { NeedsInterpreter } from '../contract.js';

/**
 * Runs jsonata's concurrently evaluated items (Promise.all) one after the other. When items fail, the
 * error thrown is the one jsonata's Promise.all would reject with first: the failure after the fewest
 * evaluation steps (Run.steps), the earliest item on a tie. The items after a failure are still
 * evaluated, as jsonata's are; they have no effect but their `:=` bindings, which the failure discards.
 */
export function evaluateConcurrently(count: number, frame: Frame, evaluate: (index: number) => void): void {
  const run = frame.run;
  let failure: unknown;
  let failureSteps = Infinity;
  for (let index = 0; index < count; index++) {
    const before = run.steps;
    try {
      evaluate(index);
    } catch (error) {
      // A timeout ends the evaluation at once: the remaining items would only run into it again.
      if (!isJsonataError(error) || error.code === 'D1012') throw error;
      const steps = run.steps - before;
      if (steps < failureSteps) {
        failure = error;
        failureSteps = steps;
      }
    }
  }
  if (failureSteps !== Infinity) throw failure;
}

export function compileArrayConstructor(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const items = (node.expressions ?? []).map((item) => ({ evaluate: compiler.compile(item, scope), nested: item.value === '[' }));
  const constructed = node.consarray === true;
  return (input, frame) => {
    const values = new Array<unknown>(items.length);
    evaluateConcurrently(items.length, frame, (index) => {
      values[index] = (items[index] as (typeof items)[number]).evaluate(input, frame);
    });
    let result: unknown[] = [];
    for (let index = 0; index < items.length; index++) {
      const value = values[index];
      if (value === undefined) continue;
      if ((items[index] as (typeof items)[number]).nested) result.push(value);
      else result = appendValues(result, value) as unknown[];
    }
    if (constructed) markConstructed(result);
    return result;
  };
}

export type GroupNode = NonNullable<AstNode['group']>;
type Group = (input: unknown, frame: Frame) => Record<string, unknown>;

interface GroupEntry {
  data: unknown;
  pairIndex: number;
}

/** The keys when every key is a distinct string literal: then a single input item needs no grouping. */
export function literalKeys(group: GroupNode): string[] | undefined {
  const keys: string[] = [];
  for (const [key] of group.lhs) {
    if (key.type !== 'string' || key.predicate || key.group || key.keepArray) return undefined;
    keys.push(String(key.value));
  }
  if (new Set(keys).size !== keys.length || keys.includes('_jsonata_lambda') || keys.includes('_jsonata_function')) return undefined;
  return keys;
}

export function compileGroup(group: GroupNode, scope: CompileScope, compiler: NodeCompiler): Group {
  const general = compileGeneralGroup(group, scope, compiler);
  const keys = literalKeys(group);
  if (keys === undefined) return general;
  // One item (or none: the literal object of an empty input) makes one group per key, valued over that item.
  const values = group.lhs.map(([, value]) => compiler.compile(value, scope));
  return (input, frame) => {
    if (Array.isArray(input)) return general(input, frame);
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    evaluateConcurrently(keys.length, frame, (index) => {
      const value = (values[index] as Evaluator)(input, frame);
      if (value !== undefined) result[keys[index] as string] = value;
    });
    return result;
  };
}

function compileGeneralGroup(group: GroupNode, scope: CompileScope, compiler: NodeCompiler): Group {
  const pairs = group.lhs.map(([key, value]) => ({ key: compiler.compile(key, scope), value: compiler.compile(value, scope) }));
  const position = group.position ?? 0;
  return (input, frame) => {
    const guard = frame.run.guard;
    const items: unknown[] = Array.isArray(input) ? input : sequenceOf(input);
    // An empty input still makes one pass, so that a literal object is built. jsonata pushes onto the
    // array it was given: a fresh sequence nobody else sees, or else an array of the payload (or a
    // constructed one), whose other readers — evaluated concurrently in jsonata — may or may not see the
    // extra item. That timing cannot be reproduced, so that case goes to the interpreter.
    if (items.length === 0) {
      if (!isSequenceValue(items)) throw new NeedsInterpreter('a group-by over an empty array that jsonata would modify');
      items.push(undefined);
    }
    const groups: Record<string, GroupEntry> = Object.create(null) as Record<string, GroupEntry>;
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      const item = items[itemIndex];
      for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
        guard.tick();
        const key = (pairs[pairIndex] as (typeof pairs)[number]).key(item, frame);
        if (key === undefined) continue;
        if (typeof key !== 'string') throw jsonataError('T1003', { position, value: key });
        if (key === '_jsonata_lambda' || key === '_jsonata_function') throw jsonataError('D1013', { position, value: key });
        const existing = groups[key];
        if (existing === undefined) {
          groups[key] = { data: item, pairIndex };
        } else {
          if (existing.pairIndex !== pairIndex) throw jsonataError('D1009', { position, value: key });
          existing.data = appendValues(existing.data, item);
        }
      }
    }
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const keys = Object.keys(groups);
    evaluateConcurrently(keys.length, frame, (index) => {
      guard.tick();
      const key = keys[index] as string;
      const entry = groups[key] as GroupEntry;
      const value = (pairs[entry.pairIndex] as (typeof pairs)[number]).value(entry.data, frame);
      if (value !== undefined) result[key] = value;
    });
    return result;
  };
}

export function compileObjectConstructor(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  return compileGroup({ lhs: node.lhs as [AstNode, AstNode][], position: positionOf(node) }, scope, compiler);
}
