// Paths and their steps (jsonata.js evaluatePath/evaluateStep, evaluateName, evaluateWildcard,
// evaluateDescendants): each step maps over the previous step's sequence, applies its stages
// (predicates), and flattens one level — except constructed arrays (`cons`), and except a last step
// whose only result is an array, which is returned as it is. `[]` (keepSingletonArray) keeps a
// singleton result an array; `{…}` after a path groups its result.
import type { AstNode } from '../ast.js';
import { Unsupported } from '../ast.js';
import type { NodeCompiler } from '../node-compiler.js';
import type { Evaluator, Frame } from '../runtime.js';
import type { CompileScope } from '../scope.js';
import type { FlaggedArray } from '../values.js';
import { appendValues, emptySequence, flattenDeep, isSequenceValue, lookupProperty, sequenceOf } from '../values.js';
import { isFunction } from '../function-values.js';
import type { FilterStage } from './filters.js';
import { compileFilterStage } from './filters.js';
import { compileGroup } from './constructors.js';
import { compileSortStep } from './order-by.js';

type StepRunner = (input: ArrayLike<unknown>, frame: Frame, lastStep: boolean) => unknown;

export function compileName(node: AstNode): Evaluator {
  const key = String(node.value);
  return (input) => lookupProperty(input, key);
}

export function compileWildcard(): Evaluator {
  return (input) => {
    let results: unknown = emptySequence();
    let subject = input;
    if (Array.isArray(subject) && (subject as FlaggedArray).outerWrapper && subject.length > 0) subject = subject[0];
    if (subject !== null && typeof subject === 'object' && !isFunction(subject)) {
      for (const key of Object.keys(subject)) {
        const value = (subject as Record<string, unknown>)[key];
        if (Array.isArray(value)) results = appendValues(results, flattenDeep(value));
        else (results as unknown[]).push(value);
      }
    }
    return results;
  };
}

function recurseDescendants(input: unknown, results: unknown[]): void {
  if (Array.isArray(input)) {
    for (const member of input) recurseDescendants(member, results);
    return;
  }
  results.push(input);
  if (input !== null && typeof input === 'object' && !isFunction(input)) {
    for (const key of Object.keys(input)) recurseDescendants((input as Record<string, unknown>)[key], results);
  }
}

export function compileDescendants(): Evaluator {
  return (input) => {
    if (input === undefined) return undefined;
    const results = emptySequence();
    recurseDescendants(input, results);
    return results.length === 1 ? results[0] : results;
  };
}

/** evaluateStep for an ordinary step: the step over each input item, its stages, then one level of flattening. */
function compileStep(step: AstNode, scope: CompileScope, compiler: NodeCompiler): StepRunner {
  const evaluateItem = compiler.compile(step, scope);
  const stages = (step.stages ?? []).map((stage) => {
    if (stage.type !== 'filter') throw new Unsupported('index # binding');
    return compileFilterStage(stage, scope, compiler);
  });
  const stageCount = stages.length;
  return (input, frame, lastStep) => {
    const guard = frame.run.guard;
    // Flattened as the results come; the first is kept aside for the last-step rule (a lone array result).
    const flattened = emptySequence();
    let count = 0;
    let first: unknown;
    for (let index = 0; index < input.length; index++) {
      guard.tick();
      let result = evaluateItem(input[index], frame);
      for (let stage = 0; stage < stageCount; stage++) result = (stages[stage] as FilterStage)(result, frame);
      if (result === undefined) continue;
      if (count++ === 0) first = result;
      if (!Array.isArray(result) || (result as FlaggedArray).cons) flattened.push(result);
      else for (let item = 0; item < result.length; item++) flattened.push(result[item]);
    }
    if (lastStep && count === 1 && Array.isArray(first) && !isSequenceValue(first)) return first;
    return flattened;
  };
}

/** Steps that are plain names: no stages, predicates, `[]`, grouping or tuple bindings. */
export function plainNames(node: AstNode): string[] | undefined {
  if (node.keepSingletonArray || node.keepArray || node.group) return undefined;
  const names: string[] = [];
  for (const step of node.steps ?? []) {
    if (step.type !== 'name' || step.stages || step.predicate || step.keepArray || step.group || step.focus !== undefined || step.index !== undefined || step.tuple || step.ancestor !== undefined) return undefined;
    names.push(String(step.value));
  }
  return names.length > 0 ? names : undefined;
}

/**
 * `a.b.c` over a single value (not an array) walking through single values: the general algorithm would
 * wrap each value in a sequence of one and unwrap it again, so this walks the properties directly and
 * hands anything else (an array on the way, a sequence at the end) to the general algorithm.
 */
function compileNamePath(names: string[], general: Evaluator): Evaluator {
  const last = names.length - 1;
  return (input, frame) => {
    if (Array.isArray(input)) return general(input, frame);
    let current = input;
    for (let index = 0; index < last; index++) {
      current = lookupProperty(current, names[index] as string);
      if (current === undefined) return undefined;
      if (Array.isArray(current)) return general(input, frame);
    }
    const value = lookupProperty(current, names[last] as string);
    if (Array.isArray(value) && isSequenceValue(value)) return general(input, frame);
    return value;
  };
}

export function compilePath(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const general = compileGeneralPath(node, scope, compiler);
  const names = plainNames(node);
  return names === undefined ? general : compileNamePath(names, general);
}

/** The general step-by-step algorithm (the shortcut above hands it what it does not walk itself). */
export function compileGeneralPath(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const steps = node.steps ?? [];
  const absolute = steps[0]?.type === 'variable';
  const runners = steps.map((step, index): StepRunner => {
    if (index === 0 && step.consarray) {
      // An explicit array constructor first is evaluated once, over the whole input sequence.
      const evaluate = compiler.compile(step, scope);
      return (input, frame) => evaluate(input, frame);
    }
    if (step.type === 'sort') return compileSortStep(step, scope, compiler);
    return compileStep(step, scope, compiler);
  });
  const keepSingletonArray = node.keepSingletonArray === true;
  const group = node.group ? compileGroup(node.group, scope, compiler) : undefined;
  const lastIndex = runners.length - 1;
  return (input, frame) => {
    let sequence: ArrayLike<unknown> = Array.isArray(input) && !absolute ? input : sequenceOf(input);
    let result: unknown;
    for (let index = 0; index <= lastIndex; index++) {
      result = (runners[index] as StepRunner)(sequence, frame, index === lastIndex);
      // Like jsonata, any value's `length` is looked at: a step may yield a single value here.
      if (result === undefined || (result as ArrayLike<unknown>).length === 0) break;
      sequence = result as ArrayLike<unknown>;
    }
    if (keepSingletonArray) {
      if (Array.isArray(result) && (result as FlaggedArray).cons && !isSequenceValue(result)) result = sequenceOf(result);
      (result as FlaggedArray).keepSingleton = true;
    }
    if (group) result = group(result, frame);
    return result;
  };
}
