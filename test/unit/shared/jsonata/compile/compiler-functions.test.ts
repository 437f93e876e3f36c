// Function calls, lambdas (closures, recursion, tail calls), partial application and `~>` compiled to
// closures agree with jsonata 2.x. Higher-order calls go through a `$map` written here on the contract's
// CallContext (apply/arity), so they are tested whatever the built-in library holds today.
import { describe, expect, it } from 'vitest';
import type { BuiltinFunction, CallContext } from '../../../../../shared/jsonata/compile/contract.js';
import { defineBuiltin } from '../../../../../shared/jsonata/compile/functions/define.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { expectSameAsJsonata, runCompiled } from './compiler-harness.js';

/** jsonata's $map (functions.js map with hofFuncArgs), on the CallContext a built-in gets. */
const testMap: BuiltinFunction = defineBuiltin('map', '<af>', (args: readonly unknown[], context: CallContext) => {
  const [items, fn] = args as [unknown[] | undefined, unknown];
  if (items === undefined) return undefined;
  const result = Object.assign([] as unknown[], { sequence: true });
  const arity = context.arity(fn);
  items.forEach((item, index) => {
    const callArgs = [item, index, items].slice(0, Math.max(1, Math.min(arity, 3)));
    const value = context.apply(fn, callArgs);
    if (value !== undefined) result.push(value);
  });
  return result;
});

const library = new Map([...builtinFunctions, ['map', testMap]]);

describe('compiled lambdas and calls', () => {
  it.each([
    'function($x){ $x * 2 }(21)',
    '($double := function($x){ $x * 2 }; $double(total))',
    '($add := function($a, $b){ $a + $b }; $add(1))',
    '($add := function($a, $b){ $a + $b }; $add(1, 2, 3))',
    '($k := 10; $f := function($x){ $x + $k }; $k := 20; $f(1))',
    '($make := function($n){ function($x){ $x * $n } }; $triple := $make(3); $triple(5))',
    '($fact := function($n){ $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(10))',
    '($even := function($n){ $n = 0 ? true : $odd($n - 1) }; $odd := function($n){ $n = 0 ? false : $even($n - 1) }; $even(11))',
    '($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + $n) }; $loop(100000, 0))',
    '($f := function(){ id }; lines.$f())',
    '($f := function($l){ $l.qty * $l.price }; lines.$f($))',
    '($f := function($x){ ($y := $x * 2; $y + 1) }; $f(4))',
    '($f := function($x){ $x := $x + 1 }; $f(4))',
    '$sum(lines.(qty * price))',
    '$count(lines[qty > 1])',
    '($sum := function($x){ "shadowed" }; $sum(1))',
    '($s := $sum; $s([1, 2]))',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it.each([
    ['T1006 when calling a non-function', '($x := 1; $x())'],
    ['T1006 when calling an undefined variable', '$nothing(1)'],
    ['T1005 when the $ is forgotten before a function name', 'sum(lines.qty)'],
    ['errors inside a lambda take the call position', '($f := function($x){ $x + "a" }; $f(1))'],
    ['errors inside a built-in take the call position', '$sum(id)'],
    ['T0410 for a wrong argument type', '$round("x")'],
    ['an error in a tail call\'s arguments takes the position jsonata last stamped on the built-in', '$map([1], function($v) { $map($round("x"), function($w) { $w }) })'],
  ])('%s', async (_title, source) => {
    await expectSameAsJsonata(source);
  });
});

describe('compiled partial application and ~>', () => {
  it.each([
    '($sub := function($a, $b){ $a - $b }; $minusOne := $sub(?, 1); $minusOne(10))',
    '($sub := function($a, $b){ $a - $b }; $fromTen := $sub(10, ?); $fromTen(3))',
    '($f := function($a, $b, $c){ $a & $b & $c }; $g := $f(?, "-", ?); $g("x", "y"))',
    '($round2 := $round(?, 2); $round2(3.14159))',
    'lines.qty ~> $sum',
    'total ~> $round(-1)',
    'lines.qty ~> $sum() ~> $string()',
    '($inc := function($x){ $x + 1 }; $dbl := function($x){ $x * 2 }; $both := $inc ~> $dbl; $both(5))',
    '($inc := function($x){ $x + 1 }; 5 ~> $inc ~> $inc)',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it.each([
    ['T2006 when the right side of ~> is not a function', 'total ~> 2'],
    ['T1008 when partially applying a non-function', '$nothing(?, 1)'],
  ])('%s', async (_title, source) => {
    await expectSameAsJsonata(source);
  });
});

describe('functions as values through the call context', () => {
  it.each([
    '$map(lines, function($l){ $l.sku })',
    '$map(lines, function($l, $i){ $i & ":" & $l.sku })',
    '$map(lines, function($l, $i, $all){ $count($all) })',
    '$map(lines.qty, $string)',
    '$map([1.234, 5.678], $round(?, 1))',
    '$map(lines.price, $round)',
    '($inc := function($x){ $x + 1 }; $map([1, 2], $inc ~> $inc))',
    '$map(lines, function($l){ $map($l.tags, function($t){ $l.sku & "/" & $t }) })',
    '$map(lines, function($l){ $l.qty + "x" })',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source, undefined, { library });
  });

  it('gives a lambda as a value that the library recognises as a function', () => {
    const value = runCompiled('function($x){ $x }', {}) as { _jsonata_lambda?: boolean };
    expect(value._jsonata_lambda).toBe(true);
  });
});
