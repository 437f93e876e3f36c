// Partial application of a built-in (`$round(?, 2)`), the way jsonata 2.x does it
// (jsonata.js partialApplyNativeFunction / applyNativeFunction): the partial is a lambda whose body is the
// native implementation, so calling it never checks the built-in's signature. The native sees the
// arguments as they are: no context value for a missing `-` argument, no single value wrapped for an `a`
// parameter, no T0410/T0412 — wrong arguments end in whatever the JavaScript implementation does, often
// an error without a code. A lambda argument works (jsonata's lambdas carry an `apply` the natives
// call), a built-in one may not (`$map(?, $string)` fails, `$map([1], ?)` called with `$string` works).
//
// Compiled code makes the ordinary validated call only where that cannot differ: the arguments fit the
// signature unchanged and none is a built-in. Everything else is left to jsonata (NeedsInterpreter;
// compiled code has no side effects, so the host simply re-runs the expression), which then does exactly
// what jsonata does.
import type { BuiltinFunction } from './contract.js';
import { NeedsInterpreter } from './contract.js';
import { type ParsedSignature, parseSignature } from './functions/signature.js';

/**
 * Built-ins jsonata cannot partially apply at all: partialApplyNativeFunction parses a lambda header made
 * from the implementation's JavaScript parameter list, and `string(arg, prettify = false)` does not parse
 * (S0208), so `$string(?)` fails wherever it is evaluated.
 */
const NOT_PARTIALLY_APPLICABLE: ReadonlySet<string> = new Set(['string']);

/** Stands in for the context value while validating, so taking it shows (it is no value an argument can be). */
const NO_CONTEXT = Symbol('no context value');

const signatures = new WeakMap<BuiltinFunction, ParsedSignature>();

function signatureOf(builtin: BuiltinFunction): ParsedSignature {
  let parsed = signatures.get(builtin);
  if (parsed === undefined) {
    parsed = parseSignature(builtin.signature);
    signatures.set(builtin, parsed);
  }
  return parsed;
}

/** At `$name(…, ?, …)`: throws NeedsInterpreter where jsonata itself fails to make the partial. */
export function checkPartialOfBuiltin(builtin: BuiltinFunction): void {
  if (NOT_PARTIALLY_APPLICABLE.has(builtin.name)) throw new NeedsInterpreter(`partial application of $${builtin.name}`);
}

/**
 * When a partial of a built-in is called with `args` (placeholders filled, trailing missing ones dropped):
 * throws NeedsInterpreter unless the validated call gives what jsonata's unvalidated one does.
 */
export function checkUnvalidatedCall(builtin: BuiltinFunction, args: readonly unknown[], isBuiltin: (value: unknown) => boolean): void {
  const why = `partial application of $${builtin.name} with arguments its signature would change or refuse`;
  if (args.some(isBuiltin)) throw new NeedsInterpreter(why);
  let validated: unknown[];
  try {
    // jsonata supplies no context value here: a signature that would take it changes the arguments.
    validated = signatureOf(builtin).validate(args, NO_CONTEXT);
  } catch {
    throw new NeedsInterpreter(why);
  }
  // Optional parameters come back as undefined, which is also what the native gets for them.
  const length = Math.max(validated.length, args.length);
  for (let index = 0; index < length; index++) if (validated[index] !== args[index]) throw new NeedsInterpreter(why);
}
