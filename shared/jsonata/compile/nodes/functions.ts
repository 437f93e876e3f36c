// Function calls, lambdas, partial application and `~>` (jsonata.js evaluateFunction, evaluateLambda,
// evaluatePartialApplication, evaluateApplyExpression). Arguments are evaluated eagerly, left to right;
// an error leaving a call gets the call's position and the function's name, as jsonata stamps them. A
// call the parser marked as a tail call (a `thunk` lambda) becomes a TailCall for applyFunction's loop.
import type { AstNode } from '../ast.js';
import { Unsupported } from '../ast.js';
import { isJsonataError, jsonataError } from '../error-messages.js';
import type { BuiltinFunction } from '../contract.js';
import type { LambdaDefinition } from '../function-values.js';
import { applyFunction, arityOf, ChainValue, FunctionValue, isBuiltin, isFunction, LambdaValue, noteCallSite, PartialValue, PLACEHOLDER, TailCall } from '../function-values.js';
import type { NodeCompiler } from '../node-compiler.js';
import { positionOf } from '../node-compiler.js';
import type { Evaluator, Frame } from '../runtime.js';
import { CompileScope, declareBindings } from '../scope.js';
import { compileLookup } from './blocks.js';

type CallRunner = (input: unknown, frame: Frame, piped: { value: unknown } | undefined) => unknown;

function procedureName(procedure: AstNode): string | undefined {
  if (procedure.type === 'path') return procedure.steps?.[0]?.value as string | undefined;
  return procedure.value as string | undefined;
}

/** The procedure's evaluator; a plain `$name` skips the evaluate wrapper, which cannot change a function value. */
function compileProcedure(procedure: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const name = procedure.value;
  if (procedure.type === 'variable' && typeof name === 'string' && name !== '' && name !== '$' && !procedure.predicate && !procedure.group) {
    return compileLookup(name, scope, compiler);
  }
  return compiler.compile(procedure, scope);
}

/** `foo(…)` where `$foo` exists: jsonata's T1005/T1007 hint that the `$` was forgotten. */
function compileForgottenDollar(procedure: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator | undefined {
  if (procedure.type !== 'path') return undefined;
  const name = procedureName(procedure);
  if (typeof name !== 'string') return undefined;
  return compileLookup(name, scope, compiler);
}

function compileCall(node: AstNode, scope: CompileScope, compiler: NodeCompiler): CallRunner {
  const procedureNode = node.procedure as AstNode;
  const name = procedureName(procedureNode);
  const position = positionOf(node);
  const procedure = compileProcedure(procedureNode, scope, compiler);
  const forgotten = compileForgottenDollar(procedureNode, scope, compiler);
  const args = (node.arguments ?? []).map((argument) => compiler.compile(argument, scope));
  return (input, frame, piped) => {
    const proc = procedure(input, frame);
    if (proc === undefined && forgotten !== undefined && forgotten(input, frame)) {
      throw jsonataError('T1005', { position, token: name });
    }
    const values: unknown[] = [];
    if (piped !== undefined) values.push(piped.value);
    for (const argument of args) values.push(argument(input, frame));
    noteCallSite(frame.run, proc, position, name);
    // jsonata's apply and applyInner are two more awaits before the function runs.
    frame.run.steps += 2;
    try {
      return applyFunction(frame.run, proc, values, input, position);
    } catch (error) {
      if (isJsonataError(error)) {
        if (!error.position) error.position = position;
        if (!error.token) error.token = name;
      }
      throw error;
    }
  };
}

export function compileFunctionCall(node: AstNode, scope: CompileScope, compiler: NodeCompiler, piped: undefined): Evaluator {
  const call = compileCall(node, scope, compiler);
  return (input, frame) => call(input, frame, piped);
}

/** A call in tail position of a lambda body: evaluated here, made by the caller's applyFunction loop. */
export function compileTailCall(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const body = node.body as AstNode;
  const procedureNode = body.procedure as AstNode;
  const name = procedureNode.type === 'variable' ? (procedureNode.value as string) : undefined;
  const position = positionOf(procedureNode);
  const procedure = compileProcedure(procedureNode, scope, compiler);
  const args = (body.arguments ?? []).map((argument) => compiler.compile(argument, scope));
  return (input, frame) => {
    const proc = procedure(input, frame);
    // jsonata's trampoline stamps the procedure before it evaluates the arguments.
    if (proc instanceof FunctionValue) proc.position = position;
    else noteCallSite(frame.run, proc, position, name);
    const values: unknown[] = [];
    for (const argument of args) values.push(argument(input, frame));
    return new TailCall(proc, values, position, name);
  };
}

export function compileLambda(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  if (node.signature !== undefined) throw new Unsupported('lambda signature');
  const parameters = (node.arguments ?? []).map((parameter) => String(parameter.value));
  if (new Set(parameters).size !== parameters.length) throw new Unsupported('repeated lambda parameter');
  const lambdaScope = new CompileScope('lambda', scope, parameters.length);
  for (const parameter of parameters) lambdaScope.declare(parameter);
  declareBindings([node.body as AstNode], lambdaScope);
  const body = compiler.compile(node.body as AstNode, lambdaScope);
  const definition: LambdaDefinition = { parameterCount: parameters.length, slotCount: lambdaScope.names.length, body };
  return (input, frame) => new LambdaValue(definition, input, frame);
}

export function compilePartial(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const procedureNode = node.procedure as AstNode;
  const name = procedureName(procedureNode);
  const position = positionOf(node);
  const procedure = compileProcedure(procedureNode, scope, compiler);
  const forgotten = compileForgottenDollar(procedureNode, scope, compiler);
  const args = (node.arguments ?? []).map((argument) =>
    argument.type === 'operator' && argument.value === '?' ? undefined : compiler.compile(argument, scope),
  );
  return (input, frame) => {
    const values = args.map((argument) => (argument === undefined ? PLACEHOLDER : argument(input, frame)));
    const proc = procedure(input, frame);
    if (proc === undefined && forgotten !== undefined && forgotten(input, frame)) {
      throw jsonataError('T1007', { position, token: name });
    }
    if (!(proc instanceof FunctionValue) && !isBuiltin(proc)) throw jsonataError('T1008', { position, token: name });
    // jsonata binds every declared parameter: given ones (or `?`), the rest undefined; extra arguments are dropped.
    const fixed = Array.from({ length: arityOf(proc) }, (_unused, index) => values[index]);
    return new PartialValue(proc as FunctionValue | BuiltinFunction, fixed);
  };
}

export function compileApply(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const position = positionOf(node);
  const left = compiler.compile(node.lhs as AstNode, scope);
  const rightNode = node.rhs as AstNode;
  if (rightNode.type === 'function') {
    // `x ~> $f(a)` is `$f(x, a)`; jsonata calls evaluateFunction directly, so the call's own wrapper is skipped.
    const call = compileCall(rightNode, scope, compiler);
    return (input, frame) => call(input, frame, { value: left(input, frame) });
  }
  const right = compiler.compile(rightNode, scope);
  return (input, frame) => {
    const lhs = left(input, frame);
    const func = right(input, frame);
    if (!isFunction(func)) throw jsonataError('T2006', { position, value: func });
    if (isFunction(lhs)) return new ChainValue(lhs, func);
    return applyFunction(frame.run, func, [lhs], null, position);
  };
}
