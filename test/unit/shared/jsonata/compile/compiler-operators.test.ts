// Operators compiled to closures agree with jsonata 2.x, errors included (code, position, message).
import { describe, it } from 'vitest';
import { expectSameAsJsonata } from './compiler-harness.js';

describe('compiled operators', () => {
  it.each([
    'total + 1',
    'total - lines[0].price * 2',
    'total / 4',
    'total % 7',
    'lines[0].qty * lines[1].price',
    'nothing + 1',
    '-total',
    '-nothing',
    '1 / 3 * 3',
    '0.1 + 0.2',
    'id = "SO-1001"',
    'id != "SO-1001"',
    'lines.qty = 4',
    'customer = customer',
    'nothing = nothing',
    'notes = null',
    'total > 100',
    'total <= 129.5',
    '"abc" < "abd"',
    'nothing < 1',
    'id & "/" & total',
    'id & nothing',
    '"n: " & lines.qty',
    '"x" & flags',
    '"x" & 1e21',
    '"x" & 1/3',
    'total > 100 and status = "paid"',
    'nothing or flags.express',
    'flags.gift and $x',
    '"B-2" in lines.sku',
    '3 in [1, 2]',
    'nothing in lines.sku',
    '[1..4]',
    '[3..1]',
    '[0..nothing]',
    '[1..3, 7, 9..10]',
    '[-2..-1]',
  ])('%s', async (source) => {
    await expectSameAsJsonata(source);
  });

  it.each([
    ['T2001 when the left side of arithmetic is not a number', 'id + 1'],
    ['T2002 when the right side of arithmetic is not a number', 'total * customer'],
    ['T2001 on an array left side', 'lines.qty + 1'],
    ['D1001 for a number out of range', '1e300 * 1e300 + 1'],
    ['T2009 when comparing a string with a number', 'id > 3'],
    ['T2010 when comparing an object', 'customer < 3'],
    ['T2010 when comparing booleans', 'flags.gift < true'],
    ['D1002 when negating a string', '-id'],
    ['T2003 for a non-integer range start', '[1.5..3]'],
    ['T2004 for a non-integer range end', '[1.."3"]'],
    ['D2014 for a range over 1e7 items', '[0..10000001]'],
    ['D3001 when joining Infinity', '"x" & (1e300 * 1e300)'],
    ['D1001 inside and', 'true and 1e300 * 1e300'],
    ['T2002 inside the right side of or (position of or)', 'false or total + "x"'],
  ])('%s', async (_title, source) => {
    await expectSameAsJsonata(source);
  });
});
