// The native built-in function library of the JSONata compiler (docs/jsonata-compiler.md): jsonata 2.x's
// standard functions, synchronous, keyed by name without the `$`. A name missing here makes the compiler
// leave the expression to jsonata, so only functions whose semantics are complete and tested are listed.
import type { BuiltinFunction } from '../contract.js';
import { arrayFunctions } from './array.js';
import { dateTimeFunctions } from './date-time.js';
import { encodingFunctions } from './encoding.js';
import { higherOrderFunctions } from './higher-order.js';
import { logicFunctions } from './logic.js';
import { numericFunctions } from './numeric.js';
import { objectFunctions } from './object.js';
import { sortFunctions } from './sort.js';
import { textSearchFunctions } from './text-search.js';
import { textFunctions } from './text.js';

const families: readonly (readonly BuiltinFunction[])[] = [
  numericFunctions,
  textFunctions,
  textSearchFunctions,
  encodingFunctions,
  logicFunctions,
  arrayFunctions,
  sortFunctions,
  objectFunctions,
  higherOrderFunctions,
  dateTimeFunctions,
];

export const builtinFunctions: ReadonlyMap<string, BuiltinFunction> = new Map(
  families.flat().map((builtin) => [builtin.name, builtin] as const),
);
