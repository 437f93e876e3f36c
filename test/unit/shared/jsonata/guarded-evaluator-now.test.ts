// `evaluateNow`: the guarded evaluator's answer within the calling task, for what the compiler runs
// in-process; everything else is left to `evaluate` (undefined), and failures are the same JsonataFailure.
import { describe, expect, it } from 'vitest';
import { createGuardedEvaluator, JsonataFailure } from '../../../../shared/jsonata/guarded-evaluator.js';

describe('guarded evaluator: evaluateNow', () => {
  const guarded = createGuardedEvaluator();
  const input = { lines: [{ qty: 2, price: 3 }, { qty: 1, price: 4 }], name: 'x' };

  it('gives the value of an in-process expression without awaiting, as evaluate does', async () => {
    for (const source of ['$sum(lines.(qty * price))', 'lines[qty > 1].price', '{ "n": $uppercase(name) }', 'nothing']) {
      const now = guarded.evaluateNow(source, input);
      expect(now).toBeDefined();
      expect(now!.value).toEqual(await guarded.evaluate(source, input));
    }
  });

  it('leaves to evaluate what only the interpreter or a watchdog can run', () => {
    expect(guarded.evaluateNow('$formatNumber(12, "#")', input)).toBeUndefined();
    expect(guarded.evaluateNow('$match(name, /x/)', input)).toBeUndefined();
    expect(guarded.evaluateNow('[1..n]', { n: 5 })).toBeUndefined();
    expect(guarded.evaluateNow('$double(2)', input, { double: (value: number) => value * 2 })).toBeUndefined();
    expect(createGuardedEvaluator({ compile: false }).evaluateNow('1 + 1', input)).toBeUndefined();
  });

  it('throws the failure evaluate rejects with, syntax errors included', async () => {
    for (const source of ['name + 1', '{ "a": ']) {
      let thrown: unknown;
      try {
        guarded.evaluateNow(source, input);
      } catch (error) {
        thrown = error;
      }
      const rejected = await guarded.evaluate(source, input).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(JsonataFailure);
      expect((thrown as JsonataFailure).jsonataCode).toBe((rejected as JsonataFailure).jsonataCode);
      expect((thrown as JsonataFailure).range).toEqual((rejected as JsonataFailure).range);
    }
  });

  it('keeps the time limit it is given', () => {
    let thrown: unknown;
    try {
      guarded.evaluateNow('$sum([1..100000].($sum([1..100])))', {}, undefined, { timeoutMs: 1 });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as JsonataFailure).jsonataCode).toBe('PW-TIMEOUT');
  });
});
