// The JSONata compiler (docs/jsonata-compiler.md): turns the AST `jsonata(source).ast()` gives into a
// synchronous closure with jsonata 2.x's semantics, or decides once, at compile time, that the expression
// is left to jsonata (with the reason). This file dispatches on the node type and adds what jsonata's
// evaluate adds to every node (predicates, grouping, sequence normalisation); each node family lives in
// ./nodes/. Every node becomes a closure over its compiled children, except where ./codegen/ writes a
// region of the AST out as one generated JavaScript function (from the expression, never from data).
import jsonata from 'jsonata';
import type { AstNode } from './ast.js';
import { Unsupported } from './ast.js';
import type { BuiltinFunction, CompileOutcome, CompiledExpression } from './contract.js';
import { isJsonataError, jsonataError, populateMessage } from './error-messages.js';
import { builtinFunctions } from './functions/index.js';
import type { NodeCompiler } from './node-compiler.js';
import { compileBinary, compileUnaryMinus } from './nodes/operators.js';
import { compileArrayConstructor, compileGroup, compileObjectConstructor } from './nodes/constructors.js';
import { compileBind, compileBlock, compileCondition, compileVariable } from './nodes/blocks.js';
import { compileApply, compileFunctionCall, compileLambda, compilePartial, compileTailCall } from './nodes/functions.js';
import { compileFilterStage } from './nodes/filters.js';
import { compileDescendants, compileName, compilePath, compileWildcard } from './nodes/paths.js';
import type { Evaluator } from './runtime.js';
import { EvaluationRun, UNBOUND } from './runtime.js';
import { CompileScope, declareBindings } from './scope.js';
import { normalizeResult, sequenceOf } from './values.js';
import { generatedCount, generateNode } from './codegen/generate.js';

/** Node types whose raw result is never a sequence, so the normalisation step can be skipped. */
const NEVER_SEQUENCE = new Set(['string', 'number', 'value', 'lambda', 'partial']);

function compileRaw(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  if (node.ancestor !== undefined || node.seekingParent !== undefined || node.type === 'parent') throw new Unsupported('parent operator %');
  if (node.tuple || node.focus !== undefined || node.index !== undefined) throw new Unsupported('focus @ / index # binding');
  switch (node.type) {
    case 'path':
      return compilePath(node, scope, compiler);
    case 'name':
      return compileName(node);
    case 'wildcard':
      return compileWildcard();
    case 'descendant':
      return compileDescendants();
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'binary':
      return compileBinary(node, scope, compiler);
    case 'unary':
      if (node.value === '-') return compileUnaryMinus(node, scope, compiler);
      if (node.value === '[') return compileArrayConstructor(node, scope, compiler);
      if (node.value === '{') return compileObjectConstructor(node, scope, compiler);
      break;
    case 'variable':
      return compileVariable(node, scope, compiler);
    case 'block':
      return compileBlock(node, scope, compiler);
    case 'bind':
      return compileBind(node, scope, compiler);
    case 'condition':
      return compileCondition(node, scope, compiler);
    case 'function':
      return compileFunctionCall(node, scope, compiler, undefined);
    case 'partial':
      return compilePartial(node, scope, compiler);
    case 'lambda':
      return node.thunk ? compileTailCall(node, scope, compiler) : compileLambda(node, scope, compiler);
    case 'apply':
      return compileApply(node, scope, compiler);
    case 'parent':
      throw new Unsupported('parent operator %');
    case 'regex':
      throw new Unsupported('regex literal');
    case 'transform':
      throw new Unsupported('transform |…|');
    case 'sort':
      throw new Unsupported('order-by outside a path');
  }
  throw new Unsupported(`${node.type} ${String(node.value ?? '')}`.trim());
}

/** jsonata's evaluate for one node: the node, then its predicates and grouping, then normalisation. */
function compileNode(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const generated = generateNode(node, scope, compiler);
  if (generated !== undefined) return generated;
  let evaluator = compileRaw(node, scope, compiler);
  if (node.predicate) {
    const inner = evaluator;
    const filters = node.predicate.map((stage) => compileFilterStage(stage, scope, compiler));
    evaluator = (input, frame) => {
      let result = inner(input, frame);
      for (const filter of filters) result = filter(result, frame);
      return result;
    };
  }
  if (node.group && node.type !== 'path') {
    const inner = evaluator;
    const group = compileGroup(node.group, scope, compiler);
    evaluator = (input, frame) => group(inner(input, frame), frame);
  }
  if (NEVER_SEQUENCE.has(node.type) && !node.predicate) return evaluator;
  const inner = evaluator;
  const keepArray = node.keepArray === true;
  return (input, frame) => {
    frame.run.steps++;
    return normalizeResult(inner(input, frame), keepArray);
  };
}

function createCompiler(builtins: ReadonlyMap<string, BuiltinFunction>): NodeCompiler {
  const compiler: NodeCompiler = { compile: (node, scope) => compileNode(node, scope, compiler), builtins };
  return compiler;
}

const standardCompiler = createCompiler(builtinFunctions);

/**
 * Compiles `source`, or says why it is left to jsonata. `library` is the built-in function library
 * (./functions/ by default; tests pass their own to exercise call contexts the library does not reach yet).
 */
export function compileJsonata(source: string, library?: ReadonlyMap<string, BuiltinFunction>): CompileOutcome {
  const compiler = library === undefined ? standardCompiler : createCompiler(library);
  let ast: AstNode;
  try {
    ast = jsonata(source).ast() as unknown as AstNode;
  } catch (error) {
    return { compiled: false, reason: `syntax error: ${(error as { message?: string }).message ?? String(error)}` };
  }
  const root = new CompileScope('root', undefined);
  declareBindings([ast], root);
  let body: Evaluator;
  const generatedBefore = generatedCount();
  try {
    body = compiler.compile(ast, root);
  } catch (error) {
    if (error instanceof Unsupported) return { compiled: false, reason: error.reason };
    throw error;
  }
  return { compiled: true, evaluate: runner(body, root.names.length), generated: generatedCount() - generatedBefore };
}

/** The root frame's slots when the expression binds nothing at its top level: never written, so shared. */
const NO_SLOTS = Object.freeze([]) as unknown as unknown[];

function runner(body: Evaluator, rootSlots: number): CompiledExpression {
  return (input, bindings, guard) => {
    const frame = new EvaluationRun(guard, bindings, input, rootSlots === 0 ? NO_SLOTS : new Array<unknown>(rootSlots).fill(UNBOUND));
    // jsonata wraps an array input in a sequence so that it is treated as one value (`outerWrapper`).
    let context = input;
    if (Array.isArray(input) && (input as { sequence?: boolean }).sequence !== true) {
      const wrapper = sequenceOf(input) as unknown[] & { outerWrapper?: boolean };
      wrapper.outerWrapper = true;
      context = wrapper;
    }
    try {
      return body(context, frame);
    } catch (error) {
      if (isJsonataError(error)) populateMessage(error);
      else if (error instanceof RangeError && /call stack/i.test(error.message)) throw jsonataError('D1011');
      throw error;
    }
  };
}
