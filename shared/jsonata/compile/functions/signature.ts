// jsonata 2.x's function signatures (`<a<n>:n>`, `<s-nn?:s>`, `<x-b?:s>`…): parsed once into the same
// regular expression over one-letter type symbols that jsonata's signature module builds, and used to
// validate and coerce a call's arguments exactly as it does — the context value for a missing `-`
// argument (T0411 when it has the wrong type), a single value wrapped for `a`, `a<t>` element checks
// (T0412), and T0410 at the first argument that does not fit.
import { jsonataError } from './errors.js';
import { typeSymbol } from './values.js';

interface SignatureParam {
  /** This parameter's piece of the whole regex, e.g. `[sm]?`. */
  regex: string;
  type: string;
  array: boolean;
  subtype?: string;
  /** Set for a `-` parameter: the type regex the context value must match to stand in for it. */
  contextRegex?: RegExp;
}

/** One step of turning the call's arguments into the function's (see planOf). */
interface PlanStep {
  kind: 'context' | 'argument' | 'array';
  param: SignatureParam;
  /** The type symbol this argument matched (`array` steps). */
  single: string;
  /** All the parameter matched (a `+` parameter may match several arguments). */
  match: string;
}

export interface ParsedSignature {
  readonly definition: string;
  /** Returns the arguments the function receives, or throws T0410/T0411/T0412 (token and position added by the caller). */
  validate(args: readonly unknown[], context: unknown): unknown[];
}

/** Distinct argument-type combinations remembered per signature (a bound, not a tuning knob). */
const MATCH_CACHE_SIZE = 64;

/** Arguments beyond this many are matched without the cache (keys must stay exact integers). */
const MAX_KEYED_ARGS = 12;
/** The type symbols typeSymbol gives, each one's index its code in a cache key. */
const TYPE_CODES = 'snbflaom';

function symbolsOf(args: readonly unknown[]): string {
  let symbols = '';
  for (const arg of args) symbols += typeSymbol(arg);
  return symbols;
}

/** The plural names T0412's message uses. */
const ARRAY_ELEMENT_NAMES: Readonly<Record<string, string>> = {
  a: 'arrays',
  b: 'booleans',
  f: 'functions',
  n: 'numbers',
  o: 'objects',
  s: 'strings',
};

/** Index of the bracket closing the one opened at `start`, as jsonata's findClosingBracket. */
function closingBracket(text: string, start: number, open: string, close: string): number {
  let depth = 1;
  let position = start;
  while (position < text.length) {
    position++;
    const symbol = text.charAt(position);
    if (symbol === close) {
      depth--;
      if (depth === 0) break;
    } else if (symbol === open) {
      depth++;
    }
  }
  return position;
}

function parseParams(signature: string): SignatureParam[] {
  const params: SignatureParam[] = [];
  let previous: SignatureParam | undefined;
  const push = (param: SignatureParam): void => {
    params.push(param);
    previous = param;
  };
  for (let position = 1; position < signature.length; position++) {
    const symbol = signature.charAt(position);
    if (symbol === ':') break; // the return type is not checked, as in jsonata
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        push({ regex: `[${symbol}m]`, type: symbol, array: false });
        break;
      case 'a':
        push({ regex: '[asnblfom]', type: symbol, array: true });
        break;
      case 'f':
        push({ regex: 'f', type: symbol, array: false });
        break;
      case 'j':
        push({ regex: '[asnblom]', type: symbol, array: false });
        break;
      case 'x':
        push({ regex: '[asnblfom]', type: symbol, array: false });
        break;
      case '-':
        if (previous) {
          previous.contextRegex = new RegExp(previous.regex);
          previous.regex += '?';
        }
        break;
      case '?':
      case '+':
        if (previous) previous.regex += symbol;
        break;
      case '(': {
        const end = closingBracket(signature, position, '(', ')');
        const choice = signature.substring(position + 1, end);
        if (choice.includes('<')) throw new Error(`Unsupported signature ${signature}: parameterised type in a choice`);
        push({ regex: `[${choice}m]`, type: `(${choice})`, array: false });
        position = end;
        break;
      }
      case '<': {
        if (!previous || (previous.type !== 'a' && previous.type !== 'f')) {
          throw new Error(`Unsupported signature ${signature}: type parameter on ${previous?.type ?? 'nothing'}`);
        }
        const end = closingBracket(signature, position, '<', '>');
        previous.subtype = signature.substring(position + 1, end);
        position = end;
        break;
      }
      default:
        break;
    }
  }
  return params;
}

/** Parses a signature string once; call at module load. */
export function parseSignature(signature: string): ParsedSignature {
  const params = parseParams(signature);
  const whole = new RegExp(`^${params.map((param) => `(${param.regex})`).join('')}$`);

  // jsonata finds the culprit by growing the pattern one parameter at a time until it stops matching.
  const throwMismatch = (args: readonly unknown[], symbols: string): never => {
    let pattern = '^';
    let goodTo = 0;
    for (const param of params) {
      pattern += param.regex;
      const match = symbols.match(pattern);
      if (match === null) break;
      goodTo = match[0].length;
    }
    throw jsonataError('T0410', { value: args[goodTo], index: goodTo + 1 });
  };

  const coerceArrayArg = (param: SignatureParam, single: string, match: string, arg: unknown, argIndex: number): unknown => {
    if (single === 'm') return undefined;
    let arrayOk = true;
    if (param.subtype !== undefined) {
      if (single !== 'a' && match !== param.subtype) {
        arrayOk = false;
      } else if (single === 'a') {
        const items = arg as unknown[];
        if (items.length > 0) {
          const itemType = typeSymbol(items[0]);
          // jsonata compares with the subtype's first letter only (its TODO: "recurse further")
          arrayOk = itemType === param.subtype.charAt(0) && items.every((item) => typeSymbol(item) === itemType);
        }
      }
    }
    if (!arrayOk) {
      throw jsonataError('T0412', { value: arg, index: argIndex + 1, type: ARRAY_ELEMENT_NAMES[param.subtype ?? ''] });
    }
    return single === 'a' ? arg : [arg];
  };

  /**
   * What a match of the whole regex means for the arguments, worked out once per type combination: for
   * each parameter, take the context value (checking its type), take the next argument, or take the next
   * argument through the array coercion of an `a` parameter (with the symbol it matched).
   */
  const planOf = (matched: RegExpExecArray): PlanStep[] => {
    const plan: PlanStep[] = [];
    params.forEach((param, index) => {
      const match = matched[index + 1] ?? '';
      if (match === '') {
        plan.push(param.contextRegex ? { kind: 'context', param, single: '', match } : { kind: 'argument', param, single: '', match });
        return;
      }
      // a `+` parameter may have matched several arguments: one symbol each
      for (const single of match) plan.push({ kind: param.type === 'a' ? 'array' : 'argument', param, single, match });
    });
    return plan;
  };

  // The match depends only on the argument types, and a call site sees few combinations: remember the
  // plans, keyed by a number built from the types (four bits each), so a call builds no string.
  const plans = new Map<number, PlanStep[] | null>();
  const planFor = (args: readonly unknown[]): PlanStep[] | null => {
    let key = args.length < MAX_KEYED_ARGS ? 1 : -1;
    for (let index = 0; index < args.length && key > 0; index++) key = key * 16 + TYPE_CODES.indexOf(typeSymbol(args[index]));
    let plan = key > 0 ? plans.get(key) : undefined;
    if (plan === undefined) {
      const matched = whole.exec(symbolsOf(args));
      plan = matched === null ? null : planOf(matched);
      if (key > 0 && plans.size < MATCH_CACHE_SIZE) plans.set(key, plan);
    }
    return plan;
  };

  return {
    definition: signature,
    validate(args, context) {
      const plan = planFor(args);
      if (plan === null) return throwMismatch(args, symbolsOf(args));
      const validated: unknown[] = [];
      let argIndex = 0;
      for (let index = 0; index < plan.length; index++) {
        const step = plan[index] as PlanStep;
        if (step.kind === 'context') {
          if (!(step.param.contextRegex as RegExp).test(typeSymbol(context))) {
            throw jsonataError('T0411', { value: context, index: argIndex + 1 });
          }
          validated.push(context);
        } else if (step.kind === 'argument') {
          validated.push(args[argIndex]);
          argIndex++;
        } else {
          validated.push(coerceArrayArg(step.param, step.single, step.match, args[argIndex], argIndex));
          argIndex++;
        }
      }
      return validated;
    },
  };
}
