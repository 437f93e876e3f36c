// The differential harness of the JSONata compiler (docs/jsonata-compiler.md): evaluates one expression
// with jsonata 2.x, the judge, and with the compiled closure, and says whether they agree. Shared by the
// corpus test (differential.test.ts), the project-flows test (differential-project.test.ts) and the
// property test (property.test.ts), so all three hold the compiler to the very same rule:
//   - a result agrees when both are undefined, or both are defined and equal once normalised the way JSON
//     sees them (sequences become plain arrays, undefined members drop out of objects and become null in
//     arrays, key order counts because it is what a mapping emits), with function values as a marker;
//   - an error agrees when both throw with the same `code`, and the same `position` where jsonata gives one.
import jsonata from 'jsonata';
import type { CompileOutcome, EvaluationGuard } from '../../../../../shared/jsonata/compile/contract.js';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { compileJsonata } from '../../../../../shared/jsonata/compile/compile.js';
import { createEvaluationGuard } from '../../../../../shared/jsonata/compile/guard.js';

export interface Compiler {
  compileJsonata(source: string): CompileOutcome;
  createEvaluationGuard(limits: { timeoutMs: number; maxDepth: number }): EvaluationGuard;
}

/** What one evaluator did with one expression and input. */
export type Outcome =
  | { kind: 'value'; value: unknown; json: string | undefined }
  | { kind: 'error'; code: string; position: number | undefined; message: string }
  /** Compiled code asked for the interpreter at run time (contract.ts NeedsInterpreter): the host re-runs jsonata. */
  | { kind: 'needs-interpreter'; why: string };

/** Limits for compiled code under test: generous, so only a real runaway trips them (jsonata runs unlimited). */
export const TEST_LIMITS = { timeoutMs: 10_000, maxDepth: 1_000 };

/** The compiler under test: compile.ts and guard.ts, behind one object so callers can swap in a variant. */
export const compiler: Compiler = { compileJsonata, createEvaluationGuard };

/** jsonata's lambdas and built-ins (`_jsonata_lambda`/`_jsonata_function` objects), native functions and the compiler's BuiltinFunction values. */
function isFunctionValue(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return record._jsonata_lambda === true || record._jsonata_function === true || (typeof record.invoke === 'function' && typeof record.signature === 'string');
}

const FUNCTION_MARKER = '<function>';

/** The value as JSON would carry it, with function values as a marker (JSON would drop or mangle them). */
export function normalise(value: unknown): unknown {
  if (isFunctionValue(value)) return FUNCTION_MARKER;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = normalise(item);
    return out;
  }
  return value;
}

function valueOutcome(value: unknown): Outcome {
  return { kind: 'value', value, json: value === undefined ? undefined : JSON.stringify(normalise(value)) };
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof NeedsInterpreter) return { kind: 'needs-interpreter', why: error.message };
  const shape = (error ?? {}) as { code?: unknown; position?: unknown; message?: unknown; name?: unknown };
  return {
    kind: 'error',
    // A throw without a jsonata code (a TypeError inside an evaluator) is named by its class, so it can only
    // agree with the same kind of crash on the other side.
    code: typeof shape.code === 'string' ? shape.code : `<${typeof shape.name === 'string' ? shape.name : typeof error}>`,
    position: typeof shape.position === 'number' ? shape.position : undefined,
    message: typeof shape.message === 'string' ? shape.message : String(error),
  };
}

/** The judge: jsonata 2.x, parse and evaluation both. */
export async function evaluateReference(source: string, input: unknown, bindings?: Record<string, unknown>): Promise<Outcome> {
  try {
    return valueOutcome(await jsonata(source).evaluate(input, bindings));
  } catch (error) {
    return errorOutcome(error);
  }
}

export function evaluateCompiled(outcome: Extract<CompileOutcome, { compiled: true }>, input: unknown, guard: EvaluationGuard, bindings?: Record<string, unknown>): Outcome {
  try {
    return valueOutcome(outcome.evaluate(input, bindings, guard));
  } catch (error) {
    return errorOutcome(error);
  }
}

/** Compiles, turning a throw (a syntax error) into an outcome too: the compiler must reject what jsonata rejects. */
export function tryCompile(compiler: Compiler, source: string): CompileOutcome | { thrown: Outcome } {
  try {
    return compiler.compileJsonata(source);
  } catch (error) {
    return { thrown: errorOutcome(error) };
  }
}

/** Undefined when both agree; otherwise a sentence saying how they differ. */
export function disagreement(reference: Outcome, compiled: Outcome): string | undefined {
  if (compiled.kind === 'needs-interpreter') return undefined;
  if (reference.kind === 'value' && compiled.kind === 'value') {
    if (reference.json === compiled.json) return undefined;
    return `results differ: jsonata ${reference.json ?? 'undefined'}, compiled ${compiled.json ?? 'undefined'}`;
  }
  if (reference.kind === 'error' && compiled.kind === 'error') {
    if (reference.code !== compiled.code) return `error codes differ: jsonata ${reference.code} (${reference.message}), compiled ${compiled.code} (${compiled.message})`;
    if (reference.position !== undefined && reference.position !== compiled.position) {
      return `error ${reference.code} at different positions: jsonata ${reference.position}, compiled ${String(compiled.position)}`;
    }
    return undefined;
  }
  return `${describeOutcome(reference, 'jsonata')}, but ${describeOutcome(compiled, 'compiled')}`;
}

export function describeOutcome(outcome: Outcome, who: string): string {
  if (outcome.kind === 'value') return `${who} returned ${outcome.json ?? 'undefined'}`;
  if (outcome.kind === 'error') return `${who} threw ${outcome.code}${outcome.position === undefined ? '' : ` at ${outcome.position}`} (${outcome.message})`;
  return `${who} asked for the interpreter (${outcome.why})`;
}

/** Whether the messages of two agreeing errors differ too (reported, not asserted: the code and position are the contract). */
export function messageDiffers(reference: Outcome, compiled: Outcome): boolean {
  return reference.kind === 'error' && compiled.kind === 'error' && disagreement(reference, compiled) === undefined && reference.message !== compiled.message;
}

/** Tallies compile outcomes per expression text and prints the coverage table the issue asks for. */
export class CoverageReport {
  private readonly outcomes = new Map<string, CompileOutcome | { thrown: Outcome }>();
  runtimeFallbacks = 0;
  messageMismatches: string[] = [];

  constructor(private readonly compiler: Compiler) {}

  /** Compiles once per distinct text, as a host decides once per expression. */
  compile(source: string): CompileOutcome | { thrown: Outcome } {
    let outcome = this.outcomes.get(source);
    if (!outcome) {
      outcome = tryCompile(this.compiler, source);
      this.outcomes.set(source, outcome);
    }
    return outcome;
  }

  get total(): number {
    return this.outcomes.size;
  }

  get compiled(): number {
    return [...this.outcomes.values()].filter((outcome) => 'compiled' in outcome && outcome.compiled).length;
  }

  /** Share of distinct expressions compiled rather than left to jsonata, 0..1. */
  get share(): number {
    return this.total === 0 ? 0 : this.compiled / this.total;
  }

  /** Fallback reasons with how many expressions gave each, most frequent first. */
  reasons(): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const outcome of this.outcomes.values()) {
      const reason = 'thrown' in outcome ? `compile threw ${outcome.thrown.kind === 'error' ? outcome.thrown.code : ''}` : outcome.compiled ? undefined : outcome.reason;
      if (reason !== undefined) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]);
  }

  print(title: string): void {
    process.stdout.write(`\n${title}: ${this.compiled} of ${this.total} distinct expressions compiled (${(this.share * 100).toFixed(1)}%), ${this.runtimeFallbacks} evaluations asked for the interpreter at run time, ${this.messageMismatches.length} agreeing errors worded differently\n`);
    console.table(this.reasons().map(([reason, expressions]) => ({ 'falls back because': reason, expressions })));
    for (const line of this.messageMismatches.slice(0, 20)) process.stdout.write(`  message differs: ${line}\n`);
  }
}
