// Side-by-side evaluation for the compiler's own tests (compiler-*.test.ts): the same expression through
// jsonata 2.x (the judge) and through compileJsonata, each observed the way a host sees it — the result
// as JSON (which drops the `sequence` flags, as every transport does) or `undefined`, or the error's
// code, position and message.
import jsonata from 'jsonata';
import { expect } from 'vitest';
import { compileJsonata } from '../../../../../shared/jsonata/compile/compile.js';
import type { BuiltinFunction } from '../../../../../shared/jsonata/compile/contract.js';
import { createEvaluationGuard } from '../../../../../shared/jsonata/compile/guard.js';

export type Observed = { value: string } | { error: { code: unknown; position: unknown; message: unknown } };

function observeValue(value: unknown): Observed {
  return { value: value === undefined ? 'undefined' : (JSON.stringify(value) ?? 'undefined') };
}

function observeError(error: unknown): Observed {
  const shape = error as { code?: unknown; position?: unknown; message?: unknown };
  if (typeof shape?.code !== 'string') throw error;
  return { error: { code: shape.code, position: shape.position, message: shape.message } };
}

/** A sample order, the kind of message mappings work on. */
export const ORDER = {
  id: 'SO-1001',
  status: 'paid',
  total: 129.5,
  customer: { name: 'Ann Lee', email: 'Ann@Example.com', tier: 'gold', address: { city: 'Berlin', zip: '10115' } },
  lines: [
    { sku: 'A-1', qty: 2, price: 10, tags: ['new', 'sale'] },
    { sku: 'B-2', qty: 1, price: 99.5, tags: ['bulky'] },
    { sku: 'C-3', qty: 4, price: 2.5, tags: [] },
  ],
  notes: null,
  flags: { gift: false, express: true },
};

export async function viaJsonata(source: string, input: unknown, bindings?: Record<string, unknown>): Promise<Observed> {
  try {
    return observeValue(await jsonata(source).evaluate(input, bindings));
  } catch (error) {
    return observeError(error);
  }
}

export interface CompiledRunOptions {
  bindings?: Record<string, unknown>;
  timeoutMs?: number;
  maxDepth?: number;
  library?: ReadonlyMap<string, BuiltinFunction>;
}

/** Runs the compiled closure; fails the test when the expression does not compile. */
export function runCompiled(source: string, input: unknown, options: CompiledRunOptions = {}): unknown {
  const outcome = compileJsonata(source, options.library);
  if (!outcome.compiled) throw new Error(`expected ${source} to compile, but it falls back: ${outcome.reason}`);
  const guard = createEvaluationGuard({ timeoutMs: options.timeoutMs ?? 5_000, maxDepth: options.maxDepth ?? 1_000 });
  return outcome.evaluate(input, options.bindings, guard);
}

export function viaCompiler(source: string, input: unknown, options: CompiledRunOptions = {}): Observed {
  try {
    return observeValue(runCompiled(source, input, options));
  } catch (error) {
    return observeError(error);
  }
}

/** The compiled expression gives what jsonata gives: the same JSON (or undefined), or the same error code, position and message. */
export async function expectSameAsJsonata(source: string, input: unknown = ORDER, options: CompiledRunOptions = {}): Promise<void> {
  // Each side gets its own copy: jsonata mutates its input in places (an empty array under a group-by).
  const expected = await viaJsonata(source, structuredClone(input), options.bindings);
  expect(viaCompiler(source, structuredClone(input), options), source).toEqual(expected);
}

/** Why the expression falls back, or undefined when it compiles. */
export function fallbackReason(source: string): string | undefined {
  const outcome = compileJsonata(source);
  return outcome.compiled ? undefined : outcome.reason;
}
