// Array and object constructors and the group-by operator compiled to closures agree with jsonata 2.x.
import { describe, it } from 'vitest';
import { expectSameAsJsonata } from './compiler-harness.js';

describe('compiled constructors', () => {
  it.each([
    '[]',
    '[1, "two", null, true]',
    '[lines.sku]',
    '[[1, 2], [3]]',
    '[nothing, 1]',
    '[lines.tags]',
    '[lines.[tags]]',
    'lines.[qty, price]',
    '{}',
    '{"id": id, "city": customer.address.city}',
    '{"missing": nothing, "present": 1}',
    '{"skus": lines.sku, "first": lines[0].sku}',
    '{"10": 1, "a": 2, "2": 3}',
    'lines.{"sku": sku, "amount": qty * price}',
    'lines{sku: qty}',
    'lines{"all": sku}',
    'lines{tags: sku}',
    'lines{sku: {"q": qty, "p": price}}',
    'lines[qty > 1]{sku: price}',
    'nothing{"k": 1}',
    '{id: total}',
    '{"nested": {"deeper": [customer.name, {"x": 1}]}}',
    'lines.{sku: qty}',
    '$count := 0',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it('groups an empty array the way jsonata does, pushing onto it, so later reads see one more item', async () => {
    await expectSameAsJsonata('( $grouped := refunds{"k": 1}; [$grouped, $count(refunds)] )', { refunds: [] });
  });

  it.each([
    ['D1009 when two key expressions make the same key', 'lines{sku: qty, "A-1": price}'],
    ['T1003 when a key is not a string', 'lines{qty: sku}'],
    ['D1013 for a reserved key', '{"_jsonata_lambda": 1}'],
    ['T1003 for a literal number key', '{1: 2}'],
  ])('%s', async (_title, source) => {
    await expectSameAsJsonata(source);
  });
});
