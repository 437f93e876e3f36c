// The contract between the JSONata compiler's parts (docs/jsonata-compiler.md): the compiler proper
// (./compile.ts and its node files), the built-in function library (./functions/) and the hosts that run
// compiled code (shared/jsonata/guarded-evaluator.ts, the engine's evaluators). Compiled code is a
// synchronous closure over the AST that `jsonata(source).ast()` gives; `new Function` runs only on source
// generated from that AST (./codegen/), never on payload data.
// Values use jsonata 2.x's own representation (./sequence.ts for sequences), so results are
// indistinguishable from the reference interpreter's, which stays the judge (test/unit/shared/jsonata/compile/).

/**
 * The limits of DESIGN.md §5 for compiled code. The host makes one guard per evaluation. Compiled code
 * calls `tick()` at every loop iteration (path steps over arrays, predicates, HOF callbacks, ranges,
 * sorting, grouping) and every function call, and `enter()`/`leave()` around every lambda call, so a
 * runaway `[1..1e7].($x)` or an endless recursion stops with jsonata's own D1012 / D1011 errors, which
 * the host turns into PW-TIMEOUT / PW-DEPTH exactly as it does for the interpreter.
 */
export interface EvaluationGuard {
  /** Cheap: counts, and looks at the clock every few hundred calls; throws `{ code: 'D1012' }` past the time limit. */
  tick(): void;
  /** Throws `{ code: 'D1011' }` past the depth limit. */
  enter(): void;
  leave(): void;
}

/**
 * A compiled expression. Synchronous; returns what `await jsonata(source).evaluate(input, bindings)`
 * returns (undefined when nothing matched), or throws what it would throw: a JsonataErrorShape.
 */
export type CompiledExpression = (input: unknown, bindings: Readonly<Record<string, unknown>> | undefined, guard: EvaluationGuard) => unknown;

/** Decided once per expression text: compiled, or left to jsonata with the reason (coverage reports count them). */
/** `generated` counts the parts of the expression that run as generated JavaScript (./codegen/), 0 where none do. */
export type CompileOutcome = { compiled: true; evaluate: CompiledExpression; generated: number } | { compiled: false; reason: string };

/**
 * Thrown by compiled code when it meets, at run time, something only the interpreter handles (a bound
 * value that is a host function, say). Compiled code has no side effects, so the host simply evaluates
 * the same expression again with jsonata. Use it sparingly: compile-time fallback is the rule.
 */
export class NeedsInterpreter extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NeedsInterpreter';
  }
}

/**
 * The errors compiled code throws: plain objects shaped like jsonata's (same `code`, `position` just after
 * the offending token, `token`, `value`, and a `message` the way jsonata words it).
 */
export interface JsonataErrorShape {
  code: string;
  position?: number;
  token?: string;
  value?: unknown;
  value2?: unknown;
  index?: number;
  message: string;
}

/** What a built-in function sees of the evaluation it is called from. */
export interface CallContext {
  /** The context value at the call site: the argument a signature's `-` takes when it is missing. */
  readonly input: unknown;
  /** Character offset of the call in the expression (jsonata's `position`), for errors. */
  readonly position: number;
  readonly guard: EvaluationGuard;
  /** One timestamp per evaluation, as jsonata's `environment.timestamp` ($now, $millis). */
  readonly timestamp: Date;
  /** Calls any function value (a compiled lambda, a built-in, a partial application) with arguments. */
  apply(fn: unknown, args: readonly unknown[]): unknown;
  /** How many parameters a function value declares (what jsonata's hofFuncArgs looks at). */
  arity(fn: unknown): number;
}

/** One standard function ($sum, $string, …) implemented natively. */
export interface BuiltinFunction {
  /** Without the `$`. */
  readonly name: string;
  /** jsonata's signature string, e.g. `<a<n>:n>`; arguments are validated against it (T0410, T0411, T0412). */
  readonly signature: string;
  /**
   * Validates the arguments against the signature (jsonata's coercions included: the context value for
   * `-`, a single value wrapped for `a<…>`) and runs the function. Throws JsonataErrorShape.
   */
  invoke(args: readonly unknown[], context: CallContext): unknown;
}
