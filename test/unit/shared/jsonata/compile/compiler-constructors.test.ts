// Array and object constructors and the group-by operator compiled to closures agree with jsonata 2.x.
import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { expectSameAsJsonata, runCompiled } from './compiler-harness.js';

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

  it('builds the literal object of a group-by over nothing', async () => {
    await expectSameAsJsonata('nothing{"k": 1}');
    await expectSameAsJsonata('lines[qty > 100]{"k": 1}');
  });

  it('leaves a group-by over an empty payload array to the interpreter, since jsonata modifies that array', () => {
    expect(() => runCompiled('{ "count": $count(refunds), "byId": refunds{ $string(id): amount } }', { refunds: [] })).toThrow(NeedsInterpreter);
  });

  it.each([
    '{ "net": $sum(lines.sku), "negated": -id }',
    '[$number(id), -customer.name]',
    '{ "a": $uppercase(total), "b": $sum(lines.tags) }',
    '[$uppercase(total), id + 1]',
  ])('reports the error jsonata reports first when several items fail: %s', async (source) => {
    await expectSameAsJsonata(source);
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
