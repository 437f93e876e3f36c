import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameAsJsonata, viaBuiltin } from './functions-harness.js';

describe('numeric built-ins match jsonata', () => {
  it('aggregates arrays, singletons and nothing like jsonata ($sum $count $max $min $average)', async () => {
    const cases = [[[1, 2, 3.5]], [[]], [5], [undefined], [[-1, -7]], [['a']], [[1, 'a']], ['x'], [[[1]]], [null], [[1, 2], 3], [{ a: 1 }]];
    for (const name of ['sum', 'max', 'min', 'average']) await expectSameAsJsonata(name, cases);
    await expectSameAsJsonata('count', [...cases, [[undefined]], [true], [[{ a: 1 }, null]]]);
  });

  it('rounds half to even at any precision ($round)', async () => {
    await expectSameAsJsonata('round', [
      [0.5], [1.5], [2.5], [-0.5], [-1.5], [3.14159, 2], [2.675, 2], [1250, -2], [1350, -2], [-0.4], [1e21], [1.005, 2],
      [123.456, -1], [7.5e-7, 6], [undefined], ['1'], [1, 'x'], [NaN], [12345, 3],
    ]);
  });

  it('rounds random values at precisions 1 to 15 exactly as jsonata does, near halves too ($round)', async () => {
    // The rounding takes a float shortcut away from halves (functions/numeric.ts roundFarFromHalf):
    // values made from short decimals ending in 5 sit on the halves where only the string shift is right.
    const nearHalf = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 8 })).map(([digits, places]) => Number(`${digits}5e-${places + 1}`));
    const values = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.double({ noNaN: true, min: -1, max: 1 }), nearHalf);
    const cases = fc.sample(fc.tuple(values, fc.integer({ min: 1, max: 15 })), { numRuns: 3000, seed: 20261205 });
    await expectSameAsJsonata('round', cases);
  });

  it('floors, ceils, takes absolutes, square roots and powers ($floor $ceil $abs $sqrt $power)', async () => {
    const single = [[1.5], [-1.5], [0], [-0], [undefined], ['3'], [true], [[2]], [[2, 3]]];
    for (const name of ['floor', 'ceil', 'abs', 'sqrt']) await expectSameAsJsonata(name, single);
    await expectSameAsJsonata('sqrt', [[-1], [16]]);
    await expectSameAsJsonata('power', [[2, 10], [2, 0.5], [-8, 1 / 3], [10, 400], [0, -1], [undefined, 2], [2], [2, undefined], ['2', 2], [2, '2']]);
  });

  it('casts to numbers as jsonata does, refusing what it refuses ($number)', async () => {
    await expectSameAsJsonata('number', [
      ['1'], ['-1.5e3'], ['0x1F'], ['0o17'], ['0b101'], [' 1'], ['1.'], ['.5'], ['1e400'], ['abc'], [''], [true], [false], [null],
      [undefined], [[1]], [{}], [12], ['0x'], ['0xZZ'], ['1e+5'], ['-0'],
    ]);
  });

  it('formats in any radix between 2 and 36 ($formatBase)', async () => {
    await expectSameAsJsonata('formatBase', [[255, 16], [255], [-10, 2], [100, 36], [100, 37], [100, 1], [2.5, 2], [3.5, 16], [undefined, 2], [10, 1.6], ['1', 2]]);
  });

  it('uses the context value when a `-` argument is left out, and refuses a context of the wrong type (T0411)', async () => {
    await expectSameAsJsonata('floor', [[]], 2.7);
    await expectSameAsJsonata('floor', [[]], 'text');
    await expectSameAsJsonata('number', [[]], '42');
    await expectSameAsJsonata('abs', [[]], [1, 2]);
    expect(viaBuiltin('floor', [], 'text')).toMatchObject({ error: { code: 'T0411', token: 'floor' } });
  });

  it('reports a wrong argument with jsonata\'s code, position and wording (T0410, T0412)', () => {
    expect(viaBuiltin('sum', [['a']])).toEqual({
      error: { code: 'T0412', position: 5, token: 'sum', message: 'Argument 1 of function "sum" must be an array of "numbers"' },
    });
    expect(viaBuiltin('abs', ['x'])).toMatchObject({ error: { code: 'T0410', message: 'Argument 1 of function "abs" does not match function signature' } });
  });
});
