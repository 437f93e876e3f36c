// Variables, `:=`, blocks `( ; )` and conditions `? :` (jsonata.js evaluateVariable,
// evaluateBindExpression, evaluateBlock, evaluateCondition). `$` is the context value, `$$` the input;
// any other `$name` is the slots ../scope.ts resolved, then the evaluation's bindings, then the built-in
// library — the order of jsonata's frames (block/lambda frames, the bindings' frame, the static frame).
import type { AstNode } from '../ast.js';
import { Unsupported } from '../ast.js';
import { NeedsInterpreter } from '../contract.js';
import type { BuiltinFunction } from '../contract.js';
import { JSONATA_FUNCTION_NAMES } from '../function-values.js';
import type { NodeCompiler } from '../node-compiler.js';
import type { Evaluator, Run } from '../runtime.js';
import { frameAt, newFrame, UNBOUND } from '../runtime.js';
import { CompileScope, declareBindings } from '../scope.js';
import { toBoolean } from '../values.js';
import type { FlaggedArray } from '../values.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** A name no scope binds: the evaluation's bindings, then the built-in. */
export function globalValue(run: Run, name: string, builtin: BuiltinFunction | undefined): unknown {
  const bindings = run.bindings;
  if (bindings !== undefined && hasOwn.call(bindings, name)) {
    const value = bindings[name];
    if (typeof value === 'function' || (typeof value === 'object' && value !== null && '_jsonata_function' in value)) {
      throw new NeedsInterpreter(`$${name} is bound to a host function`);
    }
    return value;
  }
  return builtin;
}

/**
 * `$name` at this point of the expression. Falls back when the name can reach jsonata's own functions
 * and the library lacks it (a call to `$formatNumber`, or `$formatNumber` passed as a value).
 */
export function compileLookup(name: string, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const candidates = scope.resolve(name);
  const first = candidates[0];
  if (first?.certain) {
    const { hops, slot } = first;
    if (hops === 0) return (_input, frame) => frame.slots[slot];
    return (_input, frame) => frameAt(frame, hops).slots[slot];
  }
  const builtin = compiler.builtins.get(name);
  if (builtin === undefined && JSONATA_FUNCTION_NAMES.has(name)) throw new Unsupported(`function $${name}`);
  return (_input, frame) => {
    for (const { hops, slot } of candidates) {
      const value = frameAt(frame, hops).slots[slot];
      if (value !== UNBOUND) return value;
    }
    return globalValue(frame.run, name, builtin);
  };
}

export function compileVariable(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const name = String(node.value);
  if (name === '') {
    return (input) => (Array.isArray(input) && (input as FlaggedArray).outerWrapper ? input[0] : input);
  }
  if (name === '$') return (_input, frame) => frame.run.root;
  return compileLookup(name, scope, compiler);
}

export function compileBind(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const slot = scope.slotOf(String((node.lhs as AstNode).value));
  if (slot < 0) throw new Unsupported('variable binding outside its scope');
  const value = compiler.compile(node.rhs as AstNode, scope);
  // The scope binding the name is the innermost, and it makes a frame (it declares a name): hops is 0.
  return (input, frame) => {
    const result = value(input, frame);
    frame.slots[slot] = result;
    return result;
  };
}

export function compileBlock(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const expressions = node.expressions ?? [];
  const blockScope = new CompileScope('block', scope);
  declareBindings(expressions, blockScope);
  const compiled = expressions.map((expression) => compiler.compile(expression, blockScope));
  const size = blockScope.names.length;
  const run = (input: unknown, frame: Parameters<Evaluator>[1]): unknown => {
    let result: unknown;
    for (const evaluate of compiled) result = evaluate(input, frame);
    return result;
  };
  if (size === 0) return run;
  return (input, frame) => run(input, newFrame(frame, size));
}

export function compileCondition(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const condition = compiler.compile(node.condition as AstNode, scope);
  const then = compiler.compile(node.then as AstNode, scope);
  const otherwise = node.else ? compiler.compile(node.else, scope) : undefined;
  return (input, frame) => {
    if (toBoolean(condition(input, frame))) return then(input, frame);
    return otherwise === undefined ? undefined : otherwise(input, frame);
  };
}
