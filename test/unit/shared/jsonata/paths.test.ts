import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { getJsonataFunction, jsonataFunctions } from '../../../../shared/jsonata/functions.js';
import { quoteName, suggestPaths } from '../../../../shared/jsonata/paths.js';

const order = { id: 'A-1', customer: { name: 'Ada', address: { city: 'Ghent' } }, lines: [{ qty: 2, price: 60 }, { qty: 1, sku: 'X' }], paid: true, note: null };

describe('suggestPaths', () => {
  it('lists nested object fields, parents before children, with type and preview', () => {
    const paths = suggestPaths(order);
    expect(paths.map((s) => s.path)).toEqual([
      'id', 'customer', 'customer.name', 'customer.address', 'customer.address.city', 'lines', 'lines.qty', 'lines.price', 'lines.sku', 'paid', 'note',
    ]);
    expect(paths.find((s) => s.path === 'id')).toEqual({ path: 'id', type: 'string', preview: '"A-1"' });
    expect(paths.find((s) => s.path === 'customer')).toMatchObject({ type: 'object', preview: '{2 fields}' });
    expect(paths.find((s) => s.path === 'lines')).toMatchObject({ type: 'array', preview: '[2 items]' });
    expect(paths.find((s) => s.path === 'paid')).toMatchObject({ type: 'boolean', preview: 'true' });
    expect(paths.find((s) => s.path === 'note')).toMatchObject({ type: 'null', preview: 'null' });
  });

  it('flattens arrays the JSONata way, taking fields from every element, and nested arrays too', () => {
    const paths = suggestPaths({ orders: [{ lines: [{ qty: 1 }] }, { lines: [[{ sku: 'B' }]] }] }).map((s) => s.path);
    expect(paths).toEqual(['orders', 'orders.lines', 'orders.lines.qty', 'orders.lines.sku']);
    expect(suggestPaths([{ a: 1 }, { b: 2 }]).map((s) => s.path)).toEqual(['a', 'b']);
  });

  it('suggests paths that JSONata evaluates to the sample values', async () => {
    for (const suggestion of suggestPaths(order)) {
      expect(await jsonata(suggestion.path).evaluate(order)).toBeDefined();
    }
  });

  it('quotes names that need backticks and skips names that cannot be written', async () => {
    const sample = { 'first name': 'Ada', 'order-no': 7, and: 1, $weird: 2, ok_1: 3, 'a`b': 4, 'ünï': 5 };
    const paths = suggestPaths(sample).map((s) => s.path);
    expect(paths).toEqual(['`first name`', '`order-no`', '`and`', '`$weird`', 'ok_1', '`ünï`']);
    expect(await jsonata('`order-no`').evaluate(sample)).toBe(7);
    expect(await jsonata('`first name`').evaluate(sample)).toBe('Ada');
    expect(quoteName('a`b')).toBeUndefined();
  });

  it('filters by a prefix, ignoring case and backticks', () => {
    expect(suggestPaths(order, 'lines.').map((s) => s.path)).toEqual(['lines.qty', 'lines.price', 'lines.sku']);
    expect(suggestPaths(order, 'CUST').map((s) => s.path)).toEqual(['customer', 'customer.name', 'customer.address', 'customer.address.city']);
    expect(suggestPaths({ 'first name': 1 }, 'first').map((s) => s.path)).toEqual(['`first name`']);
    expect(suggestPaths(order, 'zzz')).toEqual([]);
  });

  it('returns nothing for scalars and stays bounded on deep or large samples', () => {
    expect(suggestPaths(42)).toEqual([]);
    expect(suggestPaths(null)).toEqual([]);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    expect(suggestPaths(deep).length).toBe(8);
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, i]));
    expect(suggestPaths(wide)).toHaveLength(1000);
    expect(suggestPaths(wide, '', { maxResults: 10 })).toHaveLength(10);
  });

  it('truncates long previews', () => {
    const [suggestion] = suggestPaths({ text: 'x'.repeat(100) });
    expect(suggestion?.preview.length).toBe(40);
    expect(suggestion?.preview.endsWith('…')).toBe(true);
  });
});

describe('jsonataFunctions', () => {
  it('lists every built-in JSONata function once, each with a signature and a doc line', () => {
    const names = jsonataFunctions.map((fn) => fn.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['$string', '$substring', '$now', '$millis', '$toMillis', '$fromMillis', '$formatNumber', '$formatInteger', '$parseInteger', '$lookup', '$merge', '$each', '$sift', '$keys', '$spread', '$zip', '$map', '$filter', '$reduce', '$single', '$sort', '$reverse', '$shuffle', '$distinct', '$append', '$exists', '$count', '$sum', '$max', '$min', '$average', '$boolean', '$not', '$type', '$error', '$assert', '$eval', '$base64encode', '$base64decode', '$encodeUrl', '$encodeUrlComponent', '$decodeUrl', '$decodeUrlComponent']) {
      expect(getJsonataFunction(name), name).toBeDefined();
    }
    for (const fn of jsonataFunctions) {
      expect(fn.signature.startsWith(`${fn.name}(`)).toBe(true);
      expect(fn.doc.length).toBeGreaterThan(10);
    }
  });

  it('names only functions that JSONata really has', async () => {
    for (const fn of jsonataFunctions) {
      expect(await jsonata(`$type(${fn.name})`).evaluate({}), fn.name).toBe('function');
    }
  });

  it('finds a function with or without its $', () => {
    expect(getJsonataFunction('sum')?.signature).toBe('$sum(array)');
  });
});
