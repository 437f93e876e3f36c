import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { parseSignature } from '../../../../../shared/jsonata/compile/functions/signature.js';
import { expectSameAsJsonata, viaBuiltin, viaJsonata } from './functions-harness.js';

const identity = (value: unknown): unknown => value;
const pair = (a: unknown, b: unknown): unknown => [a, b];
/** One value of every type a signature distinguishes, callbacks of one and two parameters included. */
const POOL: readonly unknown[] = [undefined, 0, 2.5, -3, 'abc', '', true, false, null, [], [1, 2], ['a', 'b'], [{ a: 1 }], { a: 1, b: 'x' }, identity, pair];

/** $now and $millis read the evaluation clock, which the two sides do not share (functions-date-time covers them). */
const CLOCKED = new Set(['now', 'millis']);

function argumentLists(maxLength: number): unknown[][] {
  let lists: unknown[][] = [[]];
  const all: unknown[][] = [[]];
  for (let length = 1; length <= maxLength; length++) {
    lists = lists.flatMap((list) => POOL.map((value) => [...list, value]));
    all.push(...lists);
  }
  return all;
}

describe('signature validation matches jsonata for every built-in', () => {
  it('accepts, coerces or refuses every argument list of up to two values from a pool of all types', async () => {
    const lists = argumentLists(2);
    const mismatches: string[] = [];
    for (const [name] of builtinFunctions) {
      if (CLOCKED.has(name)) continue;
      for (const [index, args] of lists.entries()) {
        // the context value stands in for a missing `-` argument: vary its type too
        const input = POOL[index % POOL.length];
        let actual;
        try {
          actual = viaBuiltin(name, args, input);
        } catch (error) {
          if (error instanceof NeedsInterpreter) continue; // the host would re-run it with jsonata: allowed
          throw error;
        }
        const expected = await viaJsonata(name, args, input);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(`$${name} with ${JSON.stringify(args)} on ${JSON.stringify(input)}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('agrees on third and fourth arguments of the functions that take them', async () => {
    const thirds: readonly unknown[] = [undefined, 2, -1, 0.5, 'x', true, [1], identity, pair];
    const mismatches: string[] = [];
    for (const name of ['substring', 'pad', 'split', 'replace', 'reduce', 'round', 'formatBase', 'zip', 'fromMillis', 'sort']) {
      for (const [first, second] of argumentLists(2).filter((list) => list.length === 2)) {
        for (const third of thirds) {
          const args = name === 'replace' ? [first, second, 'y', third] : [first, second, third];
          let actual;
          try {
            actual = viaBuiltin(name, args);
          } catch (error) {
            if (error instanceof NeedsInterpreter) continue;
            throw error;
          }
          const expected = await viaJsonata(name, args);
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            mismatches.push(`$${name} with ${JSON.stringify(args)}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('counts arguments beyond the signature as a mismatch at the first extra one (T0410)', async () => {
    await expectSameAsJsonata('abs', [[1, 2], [1, 2, 3]]);
    await expectSameAsJsonata('substring', [['abc', 1, 1, 1]]);
    await expectSameAsJsonata('zip', [[[1], [2], [3], [4], 5]]);
    expect(viaBuiltin('abs', [1, 2])).toEqual({
      error: { code: 'T0410', position: 5, token: 'abs', message: 'Argument 2 of function "abs" does not match function signature' },
    });
  });

  it('wraps a single value for an array parameter and checks the members of a typed array (T0412)', () => {
    const validate = (signature: string, args: unknown[], context?: unknown): unknown => parseSignature(signature).validate(args, context);
    expect(validate('<a<n>:n>', [5])).toEqual([[5]]);
    expect(validate('<a:a>', [undefined])).toEqual([undefined]);
    expect(() => validate('<a<n>:n>', [[1, 'x']])).toThrow(expect.objectContaining({ code: 'T0412', type: 'numbers', index: 1 }));
    expect(() => validate('<a<s>s?:s>', ['x', 5])).toThrow(expect.objectContaining({ code: 'T0410', index: 2 }));
    expect(validate('<s-nn?:s>', [1], 'context')).toEqual(['context', 1, undefined]);
    expect(() => validate('<s-:s>', [], 5)).toThrow(expect.objectContaining({ code: 'T0411', index: 1 }));
    expect(validate('<x-b?:s>', [], { a: 1 })).toEqual([{ a: 1 }, undefined]);
    expect(validate('<a+>', [[1], 2, [3]])).toEqual([[1], [2], [3]]);
  });

  it('parses every built-in signature at load, refusing forms jsonata refuses', () => {
    for (const [, builtin] of builtinFunctions) expect(() => parseSignature(builtin.signature)).not.toThrow();
    expect(() => parseSignature('<s<n>:s>')).toThrow(/type parameter/);
    expect(() => parseSignature('<(sa<n>):s>')).toThrow(/choice/);
  });
});
