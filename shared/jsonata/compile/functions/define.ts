// Turns a native implementation into a BuiltinFunction: the signature is parsed once here, at module load,
// and every call validates its arguments against it and stamps any error that leaves it with the call's
// token and position, as jsonata's evaluateFunction/applyInner do.
import type { BuiltinFunction, CallContext } from '../contract.js';
import { NeedsInterpreter } from '../contract.js';
import { stampCallSite } from './errors.js';
import { parseSignature } from './signature.js';

/** A native implementation: receives the validated arguments. */
export type BuiltinImplementation = (args: unknown[], context: CallContext) => unknown;

export function defineBuiltin(name: string, signature: string, implementation: BuiltinImplementation): BuiltinFunction {
  const parsed = parseSignature(signature);
  return {
    name,
    signature,
    invoke(args, context) {
      try {
        return implementation(parsed.validate(args, context.input), context);
      } catch (error) {
        if (error instanceof NeedsInterpreter) throw error;
        throw stampCallSite(error, name, context.position);
      }
    },
  };
}
