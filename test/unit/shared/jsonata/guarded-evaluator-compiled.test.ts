// The guarded evaluator runs what the JSONata compiler took as compiled code and the rest with jsonata;
// callers see the same results and failures either way.
import { describe, expect, it } from 'vitest';
import { createGuardedEvaluator, JsonataFailure } from '../../../../shared/jsonata/guarded-evaluator.js';

describe('guarded evaluator with the compiler', () => {
  const guarded = createGuardedEvaluator();

  it('places compiled, bounded expressions in-process and the rest isolated', () => {
    expect(guarded.placement('{ "total": $sum(lines.(qty * price)) }')).toBe('in-process');
    expect(guarded.placement('$match(code, /[0-9]+/)')).toBe('isolated');
    expect(guarded.placement('[1..n]')).toBe('isolated');
    // A syntax error is known without evaluating anything.
    expect(guarded.placement('{ "a": ')).toBe('in-process');
    expect(guarded.templatePlacement('/orders/{{ id }}?from={{ $now() }}')).toBe('in-process');
    expect(guarded.templatePlacement('/orders/{{ $match(id, /x/).match }}')).toBe('isolated');
  });

  it('gives the same value and the same failure with the compiler off', async () => {
    const interpreter = createGuardedEvaluator({ compile: false });
    expect(interpreter.placement('a + 1')).toBe('isolated');
    const input = { lines: [{ qty: 2, price: 3 }, { qty: 1, price: 4 }], name: 'x' };
    for (const source of ['$sum(lines.(qty * price))', 'lines[qty > 1].price', '{ "n": $uppercase(name) }']) {
      expect(await guarded.evaluate(source, input)).toEqual(await interpreter.evaluate(source, input));
    }
    const failures = await Promise.all([guarded, interpreter].map((evaluator) => evaluator.evaluate('name + 1', input).catch((error: unknown) => error)));
    for (const failure of failures) expect(failure).toBeInstanceOf(JsonataFailure);
    const [compiled, interpreted] = failures as JsonataFailure[];
    expect(compiled!.jsonataCode).toBe(interpreted!.jsonataCode);
    expect(compiled!.range).toEqual(interpreted!.range);
  });

  it('hands an expression to jsonata when a bound value is a host function', async () => {
    const double = (value: number): number => value * 2;
    expect(await guarded.evaluate('$double(n)', { n: 21 }, { double })).toBe(42);
  });

  it('stops endless compiled recursion with PW-DEPTH', async () => {
    const failure = await guarded.evaluate('($f := function($n) { 1 + $f($n + 1) }; $f(0))', {}, undefined, { maxDepth: 50 }).catch((error: unknown) => error);
    expect((failure as JsonataFailure).jsonataCode).toBe('PW-DEPTH');
  });
});
