// What a node family's compile function gets from ./compile.ts: a way to compile child nodes (with
// jsonata's evaluate wrapper: predicates, grouping, sequence normalisation) and the built-in library.
import type { AstNode } from './ast.js';
import type { BuiltinFunction } from './contract.js';
import type { Evaluator } from './runtime.js';
import type { CompileScope } from './scope.js';

export interface NodeCompiler {
  /** A child node as jsonata's evaluate(expr, input, environment) would run it. */
  compile(node: AstNode, scope: CompileScope): Evaluator;
  readonly builtins: ReadonlyMap<string, BuiltinFunction>;
}

export function positionOf(node: AstNode): number {
  return node.position ?? 0;
}
