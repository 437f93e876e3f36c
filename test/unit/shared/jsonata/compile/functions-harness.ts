// Differential harness for the compiler's built-in functions: calls a native built-in with a small test
// CallContext and the same function through jsonata 2.x (`$f($a0, $a1, …)` with the arguments bound as
// variables), and expects the same result (JSON-equal, same undefined-ness, a top-level sequence unwrapped
// as jsonata's evaluate unwraps it) or the same error (code, position, token, message).
import jsonata from 'jsonata';
import { expect } from 'vitest';
import type { CallContext, EvaluationGuard } from '../../../../../shared/jsonata/compile/contract.js';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { createSequence, isSequence } from '../../../../../shared/jsonata/compile/sequence.js';

/** A guard that only counts, so tests can see that loops tick. */
export class CountingGuard implements EvaluationGuard {
  ticks = 0;
  depth = 0;
  tick(): void {
    this.ticks++;
  }
  enter(): void {
    this.depth++;
  }
  leave(): void {
    this.depth--;
  }
}

/** Callbacks are plain JavaScript functions on both sides: jsonata calls a bound JS function natively. */
type Callback = (...args: unknown[]) => unknown;

export function testContext(input: unknown, position: number, guard: EvaluationGuard = new CountingGuard(), timestamp = new Date()): CallContext {
  return {
    input,
    position,
    guard,
    timestamp,
    apply: (fn, args) => (fn as Callback)(...args),
    arity: (fn) => (fn as Callback).length,
  };
}

export type Outcome = { result: unknown } | { error: { code: unknown; position: unknown; token: unknown; message: unknown } } | { crash: string };

/** A jsonata error compares by its fields; a JavaScript error (jsonata has a few) by its class. */
function errorOutcome(error: unknown): Outcome {
  const shape = error as Record<string, unknown>;
  if (typeof shape?.code !== 'string') return { crash: (error as Error).constructor.name };
  return { error: { code: shape.code, position: shape.position, token: shape.token, message: shape.message } };
}

/** jsonata's evaluate unwraps a top-level sequence: empty → undefined, one item → the item. */
function unwrapTopLevel(value: unknown): unknown {
  if (!isSequence(value)) return value;
  if (value.keepSingleton) return value;
  if (value.length === 0) return undefined;
  return value.length === 1 ? value[0] : value;
}

/** Parsed once per call shape: the differential tables call the same few shapes thousands of times. */
const parsed = new Map<string, jsonata.Expression>();
function parse(source: string): jsonata.Expression {
  let expression = parsed.get(source);
  if (!expression) {
    expression = jsonata(source);
    parsed.set(source, expression);
  }
  return expression;
}

const argumentNames = (args: readonly unknown[]): string[] => args.map((_, index) => `$a${index}`);

/** The expression that calls `name` with the bound arguments, e.g. `$substring($a0, $a1)`. */
export function callExpression(name: string, args: readonly unknown[]): string {
  return `$${name}(${argumentNames(args).join(', ')})`;
}

/** jsonata wraps an array input in a one-item sequence marked outerWrapper; the compiler passes the same. */
function contextInputFor(input: unknown): unknown {
  if (!Array.isArray(input) || isSequence(input)) return input;
  const wrapped = createSequence(input) as unknown[] & { outerWrapper?: boolean };
  wrapped.outerWrapper = true;
  return wrapped;
}

export async function viaJsonata(name: string, args: readonly unknown[], input?: unknown): Promise<Outcome> {
  const source = callExpression(name, args);
  const bindings: Record<string, unknown> = {};
  args.forEach((arg, index) => (bindings[`a${index}`] = arg));
  const expression = parse(source);
  try {
    return { result: await expression.evaluate(input, bindings) };
  } catch (error) {
    return errorOutcome(error);
  }
}

export function viaBuiltin(name: string, args: readonly unknown[], input?: unknown, context?: Partial<CallContext>): Outcome {
  const builtin = builtinFunctions.get(name);
  if (!builtin) throw new Error(`no built-in ${name}`);
  const position = (parse(callExpression(name, args)).ast() as { position: number }).position;
  try {
    return { result: unwrapTopLevel(builtin.invoke(args, { ...testContext(contextInputFor(input), position), ...context })) };
  } catch (error) {
    if (error instanceof NeedsInterpreter) throw error; // not an outcome: the host re-runs the expression with jsonata
    return errorOutcome(error);
  }
}

/** Comparable form: JSON text plus whether the result was undefined (JSON would hide it). */
function comparable(outcome: Outcome): unknown {
  if (!('result' in outcome)) return outcome;
  const { result } = outcome;
  if (result === undefined) return { undefined: true };
  if (typeof result === 'number' && !Number.isFinite(result)) return { number: String(result) };
  return { json: JSON.stringify(result) };
}

/** Expects the built-in and jsonata to agree for each argument list. */
export async function expectSameAsJsonata(name: string, cases: readonly (readonly unknown[])[], input?: unknown): Promise<void> {
  for (const args of cases) {
    const expected = await viaJsonata(name, args, input);
    const actual = viaBuiltin(name, args, input);
    expect(comparable(actual), `${callExpression(name, args)} with ${JSON.stringify(args)}`).toEqual(comparable(expected));
  }
}
