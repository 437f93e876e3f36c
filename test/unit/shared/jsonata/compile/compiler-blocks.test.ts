// Blocks, variables, conditions and order-by compiled to closures agree with jsonata 2.x.
import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { expectSameAsJsonata, ORDER, runCompiled } from './compiler-harness.js';

describe('compiled blocks, variables and conditions', () => {
  it.each([
    '()',
    '(1; 2; 3)',
    '($x := 2; $x * total)',
    '($x := 1; ($x := 2); $x)',
    '($x := 1; ($y := $x; $x := 5; $y + $x))',
    '($x := 1; ($x := $x + 1; $x) + $x)',
    '($a := lines[0]; $b := $a.qty; $b * $a.price)',
    '($x := 3)',
    '$x := 3',
    '($x := lines.sku; $x[1])',
    '($x := id[]; $x)',
    '$undefinedVariable',
    'lines.($q := qty; $q * 2)',
    'total > 100 ? "big" : "small"',
    'total > 1000 ? "big"',
    'nothing ? 1 : 2',
    'lines[0] ? lines[0].sku : "none"',
    'customer.nickname ?: customer.name',
    'notes ?: "no notes"',
    'lines.(qty > 1 ? sku : null)',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it.each(['$name', '$name & " " & $count', '$missing', '($name := "inner"; $name)'])('reads bindings: %s', async (source) => {
    await expectSameAsJsonata(source, ORDER, { bindings: { name: 'bound', count: 3 } });
  });

  it('asks for the interpreter when a binding is a host function', () => {
    expect(() => runCompiled('$lookup(1)', ORDER, { bindings: { lookup: () => 1 } })).toThrow(NeedsInterpreter);
  });

  it('sees `$$` as the input even inside nested steps', async () => {
    await expectSameAsJsonata('lines.($$.id & ":" & sku)');
  });
});

describe('compiled order-by', () => {
  it.each([
    'lines^(price).sku',
    'lines^(>price).sku',
    'lines^(<qty, >price).sku',
    'lines^(missing).sku',
    'lines^(sku)[0].sku',
    'lines^(>qty)[[0, 1]].sku',
    'lines[qty > 1]^(>price).sku',
    'lines^($count(tags)).sku',
    'customer^(name).name',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it('puts undefined keys last in either direction', async () => {
    const input = { items: [{ n: 2 }, { m: 1 }, { n: 1 }, { n: 3 }] };
    await expectSameAsJsonata('items^(n)', input);
    await expectSameAsJsonata('items^(>n)', input);
  });

  it('keeps equal keys in input order (a stable sort)', async () => {
    await expectSameAsJsonata('items^(k).v', { items: [1, 2, 3, 4, 5, 6].map((v) => ({ k: v % 2, v })) });
  });

  it.each([
    ['T2008 for an object sort key', 'lines^(tags).sku'],
    ['T2007 for mixed string and number keys', 'items^(k)'],
  ])('%s', async (_title, source) => {
    await expectSameAsJsonata(source, { ...ORDER, items: [{ k: 'a' }, { k: 1 }] });
  });
});
