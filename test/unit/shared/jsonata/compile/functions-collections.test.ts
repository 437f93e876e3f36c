import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { isSequence } from '../../../../../shared/jsonata/compile/sequence.js';
import { CountingGuard, expectSameAsJsonata, testContext, viaBuiltin } from './functions-harness.js';

const orders = [
  { id: 1, sku: 'A', qty: 2, tags: ['x'] },
  { id: 2, sku: 'B', qty: 1, tags: ['y', 'z'] },
  { id: 3, sku: 'A', qty: 5 },
  { id: 4, sku: 'C', qty: 2, tags: [] },
];
const nativeFunction = (x: unknown): unknown => x;

describe('boolean and type built-ins match jsonata', () => {
  it('computes effective booleans and types ($boolean $not $exists $type)', async () => {
    const values = [
      [true], [false], [0], [1], [-0.5], [''], ['a'], [null], [[]], [[0]], [[0, 0]], [[0, 1]], [[[]]], [{}], [{ a: 0 }], [undefined],
      [nativeFunction], [[nativeFunction]], [NaN], [Infinity], [[1, Infinity]], [[undefined]],
    ];
    for (const name of ['boolean', 'not', 'exists', 'type']) await expectSameAsJsonata(name, values);
    await expectSameAsJsonata('boolean', [[]], { a: 1 });
    await expectSameAsJsonata('exists', [[], [1, 2]]);
  });

  it('raises $error and $assert failures with the given or default message', async () => {
    await expectSameAsJsonata('error', [['custom failure'], [], [undefined], [''], [5]]);
    await expectSameAsJsonata('assert', [[true], [false], [false, 'must hold'], [true, 'fine'], ['yes'], [undefined], [false, 3]]);
  });
});

describe('array built-ins match jsonata', () => {
  it('appends, reverses and zips ($append $reverse $zip)', async () => {
    await expectSameAsJsonata('append', [[[1, 2], [3]], [1, 2], [[1], undefined], [undefined, 2], [undefined, undefined], [[], []], [{ a: 1 }, [[2]]], ['a']]);
    await expectSameAsJsonata('reverse', [[[1, 2, 3]], [[1]], [[]], [5], [undefined], [[orders[0], 'x', null]]]);
    await expectSameAsJsonata('zip', [[[1, 2, 3], ['a', 'b']], [[1, 2]], [1, [2, 3]], [[1], undefined], [[1, 2], [3, 4], [5, 6]], [[]], []]);
  });

  it('keeps the first of deep-equal values ($distinct)', async () => {
    await expectSameAsJsonata('distinct', [
      [[1, 2, 1, '1', 2]], [[{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }]], [[[1, 2], [1, 2], [2, 1]]], ['x'], [[]], [undefined], [[null, null, 0]], [orders],
    ]);
  });

  it('sorts numbers and strings, refuses mixed arrays (D3070), and keeps equal items in order with a comparator ($sort)', async () => {
    await expectSameAsJsonata('sort', [
      [[3, 1, 2, 10, -1, 2.5]], [['b', 'a', 'C', 'aa', '']], [[1, 'a']], [[{ a: 1 }, { a: 0 }]], [[5]], [[]], [undefined], [7], [[true, false]],
      [[1, Infinity]],
    ]);
    const byQuantity = (a: { qty: number }, b: { qty: number }): boolean => a.qty > b.qty;
    const bySkuDescending = (a: { sku: string }, b: { sku: string }): boolean => a.sku < b.sku;
    const inconsistent = (a: { id: number }, b: { id: number }): boolean => (a.id + b.id) % 3 === 0;
    const truthyArray = (): unknown[] => [];
    await expectSameAsJsonata('sort', [[orders, byQuantity], [orders, bySkuDescending], [orders, inconsistent], [orders, truthyArray]]);
  });
});

describe('object built-ins match jsonata', () => {
  it('lists keys and looks values up, across arrays of objects ($keys $lookup)', async () => {
    const objects = [[{ b: 1, a: 2, 10: 3, 2: 4 }], [orders], [[{ a: 1 }, 'x', [{ b: 2 }]]], ['text'], [undefined], [[]], [nativeFunction]];
    await expectSameAsJsonata('keys', objects);
    await expectSameAsJsonata('lookup', [
      [{ a: 1 }, 'a'], [{ a: 1 }, 'b'], [orders, 'sku'], [orders, 'tags'], [[{ a: [1, 2] }, { a: 3 }, { b: 4 }], 'a'], ['x', 'length'], [{ a: null }, 'a'],
      [undefined, 'a'], [{ a: 1 }, 1], [{}, 'toString'],
    ]);
    await expectSameAsJsonata('keys', [[]], { z: 1, y: 2 });
  });

  it('merges an array of objects, later keys winning, and spreads objects into one-key objects ($merge $spread)', async () => {
    await expectSameAsJsonata('merge', [[[{ a: 1, b: 2 }, { b: 3 }, { c: 4 }]], [{ a: 1 }], [[]], [undefined], [[{ a: 1 }, 2]], [['x']]]);
    await expectSameAsJsonata('spread', [[{ a: 1, b: [2] }], [orders.slice(0, 2)], [[{ a: 1 }, 5, [{ b: 2 }]]], ['text'], [undefined], [[]], [{}], [null]]);
  });

  it('calls $each and $sift callbacks with value, key and object as their arity allows', async () => {
    const object = { a: 1, b: 0, c: 'x' };
    await expectSameAsJsonata('each', [
      [object, (value: unknown) => value],
      [object, (value: unknown, key: string) => `${key}=${String(value)}`],
      [object, (value: unknown, key: string, whole: object) => Object.keys(whole).length],
      [object, () => undefined],
      [{}, nativeFunction],
      [undefined, nativeFunction],
      [object, 'x'],
    ]);
    await expectSameAsJsonata('sift', [
      [object, (value: unknown) => value],
      [object, (_value: unknown, key: string) => key !== 'c'],
      [object, () => false],
      [object, (_value: unknown, _key: string, whole: { a: number }) => whole.a],
      [object],
      [{}],
      [undefined, nativeFunction],
    ]);
  });
});

describe('higher-order built-ins match jsonata', () => {
  it('maps and filters with value, index and array as the callback declares ($map $filter)', async () => {
    const callbacks = [
      (value: { qty: number }) => value.qty * 2,
      (value: { qty: number }, index: number) => (index % 2 === 0 ? value.qty : undefined),
      (value: unknown, index: number, whole: unknown[]) => whole.length - index,
      () => undefined,
      () => [],
      () => [0, 1],
      () => '',
      () => ({}),
    ];
    for (const callback of callbacks) {
      await expectSameAsJsonata('map', [[orders, callback], [orders[0], callback], [[], callback], [undefined, callback]]);
      await expectSameAsJsonata('filter', [[orders, callback], [orders[0], callback], [[], callback], [undefined, callback]]);
    }
    await expectSameAsJsonata('map', [[orders], [orders, 'x'], [[1, 2], (x: number) => [x, x]]]);
  });

  it('finds exactly one match or fails with D3138/D3139 ($single)', async () => {
    await expectSameAsJsonata('single', [
      [orders, (o: { id: number }) => o.id === 2], [orders, (o: { sku: string }) => o.sku === 'A'], [orders, () => false], [[7]], [[7, 8]], [[]], [7],
      [undefined], [orders, (_o: unknown, index: number) => index === 3],
    ]);
  });

  it('folds left with or without an initial value, and refuses a one-parameter callback (D3050) ($reduce)', async () => {
    const add = (total: number, value: number) => total + value;
    const withIndex = (total: string, value: number, index: number) => `${total}|${value}@${index}`;
    const withArray = (total: number, value: number, index: number, all: number[]) => total + value * all.length + index;
    await expectSameAsJsonata('reduce', [
      [[1, 2, 3], add], [[1, 2, 3], add, 10], [[], add], [[], add, 5], [[4], add], [5, add], [undefined, add], [[1, 2], withIndex, 'start'],
      [[1, 2, 3], withArray], [[1, 2], (x: number) => x], [[1, 2], () => 0], [[1, 2], add, undefined],
    ]);
  });

  it('ticks the guard once per element and returns sequences where jsonata does', () => {
    const guard = new CountingGuard();
    const result = builtinFunctions.get('map')!.invoke([[1, 2, 3], (x: number) => x + 1], testContext(undefined, 4, guard));
    expect([...(result as number[])]).toEqual([2, 3, 4]);
    expect(isSequence(result)).toBe(true);
    expect(guard.ticks).toBe(3);
    expect(isSequence(builtinFunctions.get('zip')!.invoke([[1]], testContext(undefined, 4)))).toBe(false);
  });

  it('stamps a callback failure with the call position, keeping its own token', async () => {
    const failing = (): never => {
      throw { code: 'T2001', token: '+', position: 99, message: 'The left side of the "+" operator must evaluate to a number' };
    };
    expect(viaBuiltin('map', [[1], failing])).toMatchObject({ error: { code: 'T2001', token: '+', position: 5 } });
    await expectSameAsJsonata('map', [[[1], failing]]);
    await expectSameAsJsonata('filter', [[[1], failing]]);
  });
});

describe('function values', () => {
  const lambda = { _jsonata_lambda: true, arity: 1 };

  it('treats a compiled lambda as a function: not spread, no keys, false, typed "function", stringified as ""', () => {
    const context = testContext(undefined, 4);
    const call = (name: string, args: unknown[]): unknown => builtinFunctions.get(name)!.invoke(args, context);
    expect(call('spread', [lambda])).toBe(lambda);
    expect([...(call('keys', [lambda]) as unknown[])]).toEqual([]);
    expect(call('boolean', [lambda])).toBe(false);
    expect(call('type', [lambda])).toBe('function');
    expect(call('string', [{ f: lambda }])).toBe('{"f":""}');
    expect(call('lookup', [lambda, 'arity'])).toBeUndefined();
  });

  it('takes a built-in passed as a value for a function argument, and leaves spreading one inside an array to jsonata', () => {
    const context = testContext(undefined, 4);
    const uppercase = builtinFunctions.get('uppercase')!;
    expect(builtinFunctions.get('type')!.invoke([uppercase], context)).toBe('function');
    expect(builtinFunctions.get('spread')!.invoke([uppercase], context)).toBe(uppercase);
    expect(() => builtinFunctions.get('spread')!.invoke([[uppercase]], context)).toThrow(NeedsInterpreter);
  });
});
