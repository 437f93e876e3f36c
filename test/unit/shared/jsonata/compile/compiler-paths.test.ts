// Paths, steps, predicates and `[]` compiled to closures agree with jsonata 2.x (compiler-harness.ts).
import { describe, expect, it } from 'vitest';
import { expectSameAsJsonata, ORDER, runCompiled } from './compiler-harness.js';

describe('compiled paths', () => {
  it.each([
    'id',
    'customer.address.city',
    'customer.nothing.city',
    'lines.sku',
    'lines.tags',
    'lines[0]',
    'lines[-1].sku',
    'lines[5]',
    'lines[qty > 1].sku',
    'lines[qty > 1][0].sku',
    'lines[[0, 2]].sku',
    'lines[tags = "sale"].sku',
    'lines[tags].sku',
    'lines.tags[0]',
    '(lines.tags)[0]',
    'lines.sku[]',
    'id[]',
    'nothing[]',
    'lines[sku = "B-2"].price[]',
    'lines.(qty * price)',
    'lines.[sku, qty]',
    '[lines.sku, id].$',
    '$.id',
    '$$.customer.name',
    'lines.$$.id',
    'customer.*',
    '*.city',
    '**.zip',
    'notes',
    'notes.x',
    'flags.gift',
    'lines[0].tags[1]',
    'lines[price > 5 and qty < 3].sku',
    'lines["B-2" = sku].qty',
    'lines[0.9].sku',
    'lines[$.total > 100].sku',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it.each(['$', '$[0]', '$[1].a', 'a', '$.a', '*', '[$]', '$[a > 1]'])('over an array input: %s', async (source) => {
    await expectSameAsJsonata(source, [{ a: 1 }, { a: 2 }, { a: [3, 4] }]);
  });

  it.each(['a.b.c', 'a.b', 'a[].b', 'a.b[0]', 'a.b.c[]'])('over nested arrays: %s', async (source) => {
    await expectSameAsJsonata(source, { a: [{ b: [{ c: 1 }, { c: [2, 3] }] }, { b: { c: 4 } }, { b: [[{ c: 5 }]] }] });
  });

  it('returns jsonata sequences, flagged the same way', () => {
    const result = runCompiled('lines.sku', ORDER) as unknown[] & { sequence?: boolean };
    expect(result.sequence).toBe(true);
    const kept = runCompiled('id[]', ORDER) as unknown[] & { keepSingleton?: boolean };
    expect([...kept]).toEqual(['SO-1001']);
    expect(kept.keepSingleton).toBe(true);
  });

  it('gives undefined, not an empty array, when nothing matches', () => {
    expect(runCompiled('lines[qty > 100].sku', ORDER)).toBeUndefined();
  });
});
