// Partially applied built-ins (`$round(?, 2)`). jsonata 2.x turns one into a lambda whose body is the
// native implementation and never checks the built-in's signature when it is called, so wrong or
// uncoerced arguments reach the native as they are. Compiled code calls the built-in itself only where
// that gives the same result, and otherwise hands the evaluation to jsonata (NeedsInterpreter), which
// the hosts re-run. These expressions and values are ours; the behaviour was found by running the
// JSONata project's test suite and its neighbours (test/bench/jsonata-suite.ts).
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { createGuardedEvaluator } from '../../../../../shared/jsonata/guarded-evaluator.js';
import { expectSameAsJsonata, runCompiled } from './compiler-harness.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('partially applied built-ins', () => {
  it.each([
    '($tail := $substring(?, 4); $tail("pipewright"))',
    '($clip := $substring("pipewright", ?, 4); $clip(0))',
    '($sumUp := $reduce(?, function($a, $b){ $a + $b }); $sumUp([3, 4, 5]))',
    '($sumFrom := $reduce(?, function($a, $b){ $a + $b }, 100); $sumFrom([3, 4]))',
    '($twice := $map(?, function($v){ $v * 2 }); $twice([1.5, 2]))',
    '($csv := $join(?, ";"); $csv(["in", "out"]))',
    '$map(["7.25", "1.5"], $number ~> $round(?, 0))',
  ])('calls the built-in where the arguments fit its signature as they are: %s', async (source) => {
    await expectSameAsJsonata(source, {});
  });

  it.each([
    // jsonata's native substring gets a string where its start should be a number, and gives "".
    ['an argument the signature refuses', '($clip := $substring("pipewright", ?, 4); $clip("x"))'],
    // A single value for an array parameter: the signature would wrap it; jsonata's native fails on it.
    ['an argument the signature would wrap', '($total := $sum(?); $total(12))'],
    // The context value for a missing `-` argument: jsonata supplies none here.
    ['an argument the signature would take from the context', '($up := $uppercase(?); $up())'],
    // A built-in as an argument reaches the native as jsonata's internal object, which $map cannot call.
    ['a built-in among the arguments', '($each := $map(?, $uppercase); $each(["a", "b"]))'],
  ])('leaves to jsonata a call with %s', async (_title, source) => {
    expect(thrownBy(() => runCompiled(source, {}))).toBeInstanceOf(NeedsInterpreter);
    // …and the host then gives exactly jsonata's answer, whatever it is.
    const viaHost = await createGuardedEvaluator().evaluate(source, {}).then(
      (value: unknown) => ({ value }),
      (error: unknown) => ({ error: (error as { jsonataCode?: unknown }).jsonataCode }),
    );
    const viaJsonata = await jsonata(source).evaluate({}).then(
      (value: unknown) => ({ value }),
      () => ({ error: 'failed' }),
    );
    if ('value' in viaJsonata) expect(viaHost).toEqual(viaJsonata);
    else expect(viaHost).toHaveProperty('error');
  });

  it('leaves $string(?) to jsonata, which cannot partially apply $string at all', async () => {
    expect(thrownBy(() => runCompiled('$string(?)', {}))).toBeInstanceOf(NeedsInterpreter);
    await expect(jsonata('$string(?)').evaluate({})).rejects.toMatchObject({ code: 'S0208' });
  });
});
