// Binary operators and unary minus (jsonata.js evaluateBinary and its evaluateNumericExpression,
// evaluateEqualityExpression, evaluateComparisonExpression, evaluateStringConcat,
// evaluateRangeExpression, evaluateIncludesExpression, evaluateBooleanExpression). Both sides are
// evaluated first; an error the operator raises carries the operator's position and token, as there.
import type { AstNode } from '../ast.js';
import { Unsupported } from '../ast.js';
import { isJsonataError, jsonataError } from '../error-messages.js';
import type { NodeCompiler } from '../node-compiler.js';
import { positionOf } from '../node-compiler.js';
import type { EvaluationGuard } from '../contract.js';
import type { Evaluator } from '../runtime.js';
import type { CompileScope } from '../scope.js';
import { deepEquals, isNumeric } from '../functions/values.js';
import { stringifyValue, toBoolean } from '../values.js';

export type Operation = (lhs: unknown, rhs: unknown) => unknown;

/** jsonata's implementation-defined limit on the size of a range. */
const MAX_RANGE = 1e7;

function numeric(apply: (lhs: number, rhs: number) => number): Operation {
  return (lhs, rhs) => {
    if (lhs !== undefined && !isNumeric(lhs)) throw jsonataError('T2001', { value: lhs });
    if (rhs !== undefined && !isNumeric(rhs)) throw jsonataError('T2002', { value: rhs });
    if (lhs === undefined || rhs === undefined) return undefined;
    return apply(lhs, rhs);
  };
}

function comparison(apply: (lhs: string | number, rhs: string | number) => boolean): Operation {
  return (lhs, rhs) => {
    const leftType = typeof lhs;
    const rightType = typeof rhs;
    const leftComparable = leftType === 'undefined' || leftType === 'string' || leftType === 'number';
    const rightComparable = rightType === 'undefined' || rightType === 'string' || rightType === 'number';
    if (!leftComparable || !rightComparable) {
      throw jsonataError('T2010', { value: !(leftType === 'string' || leftType === 'number') ? lhs : rhs });
    }
    if (lhs === undefined || rhs === undefined) return undefined;
    if (leftType !== rightType) throw jsonataError('T2009', { value: lhs, value2: rhs });
    return apply(lhs as string | number, rhs as string | number);
  };
}

function range(lhs: unknown, rhs: unknown, guard: EvaluationGuard): unknown {
  if (lhs !== undefined && !Number.isInteger(lhs)) throw jsonataError('T2003', { value: lhs });
  if (rhs !== undefined && !Number.isInteger(rhs)) throw jsonataError('T2004', { value: rhs });
  if (lhs === undefined || rhs === undefined) return undefined;
  const from = lhs as number;
  const to = rhs as number;
  if (from > to) return undefined;
  const size = to - from + 1;
  if (size > MAX_RANGE) throw jsonataError('D2014', { value: size });
  // Pushed rather than preallocated: V8 keeps a large `new Array(size)` as a slow dictionary.
  const result: number[] & { sequence?: boolean } = [];
  for (let item = from; item <= to; item++) {
    guard.tick();
    result.push(item);
  }
  result.sequence = true;
  return result;
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  '+': numeric((lhs, rhs) => lhs + rhs),
  '-': numeric((lhs, rhs) => lhs - rhs),
  '*': numeric((lhs, rhs) => lhs * rhs),
  '/': numeric((lhs, rhs) => lhs / rhs),
  '%': numeric((lhs, rhs) => lhs % rhs),
  '=': (lhs, rhs) => lhs !== undefined && rhs !== undefined && deepEquals(lhs, rhs),
  '!=': (lhs, rhs) => lhs !== undefined && rhs !== undefined && !deepEquals(lhs, rhs),
  '<': comparison((lhs, rhs) => lhs < rhs),
  '<=': comparison((lhs, rhs) => lhs <= rhs),
  '>': comparison((lhs, rhs) => lhs > rhs),
  '>=': comparison((lhs, rhs) => lhs >= rhs),
  '&': (lhs, rhs) => (lhs === undefined ? '' : stringifyValue(lhs)) + (rhs === undefined ? '' : (stringifyValue(rhs) as string)),
  in: (lhs, rhs) => {
    if (lhs === undefined || rhs === undefined) return false;
    const members = Array.isArray(rhs) ? rhs : [rhs];
    for (const member of members) if (member === lhs) return true;
    return false;
  },
};

/** What evaluateBinary's catch does: the operator's position, and its token. */
export function stamp(error: unknown, position: number, token: string): unknown {
  if (isJsonataError(error)) {
    error.position = position;
    error.token = token;
  }
  return error;
}

export function boolize(value: unknown): boolean {
  return toBoolean(value) ?? false;
}

export function compileBinary(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const operator = String(node.value);
  const position = positionOf(node);
  const left = compiler.compile(node.lhs as AstNode, scope);
  const right = compiler.compile(node.rhs as AstNode, scope);
  if (operator === 'and' || operator === 'or') {
    const isAnd = operator === 'and';
    return (input, frame) => {
      const lhs = left(input, frame);
      try {
        const leftTrue = boolize(lhs);
        if (isAnd) return leftTrue && boolize(right(input, frame));
        return leftTrue || boolize(right(input, frame));
      } catch (error) {
        throw stamp(error, position, operator);
      }
    };
  }
  const operation: Operation | undefined = operator === '..' ? undefined : OPERATIONS[operator];
  if (operation === undefined && operator !== '..') throw new Unsupported(`operator ${operator}`);
  return (input, frame) => {
    const lhs = left(input, frame);
    const rhs = right(input, frame);
    try {
      return operation === undefined ? range(lhs, rhs, frame.run.guard) : operation(lhs, rhs);
    } catch (error) {
      throw stamp(error, position, operator);
    }
  };
}

export function compileUnaryMinus(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator {
  const operand = compiler.compile(node.expression as AstNode, scope);
  const position = positionOf(node);
  return (input, frame) => {
    const value = operand(input, frame);
    if (value === undefined) return undefined;
    if (isNumeric(value)) return -value;
    throw jsonataError('D1002', { position, token: '-', value });
  };
}
