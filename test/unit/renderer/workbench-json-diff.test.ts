import { describe, expect, it } from 'vitest';
import { describeDifference, jsonDiff } from '../../../renderer/src/workbench/json-diff.js';

describe('workbench JSON diff', () => {
  it('finds no difference between equal values, whatever the key order', () => {
    expect(jsonDiff({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toEqual([]);
  });

  it('lists the paths of changed, missing and extra fields', () => {
    const differences = jsonDiff({ total: 3, id: 'a', 'first name': 'Ann' }, { total: 4, 'first name': 'Ann', extra: true });
    expect(differences).toEqual([
      { path: 'total', kind: 'changed', expected: 3, actual: 4 },
      { path: 'id', kind: 'missing', expected: 'a' },
      { path: 'extra', kind: 'extra', actual: true },
    ]);
  });

  it('compares arrays index by index and names missing and extra items', () => {
    expect(jsonDiff([{ q: 1 }, { q: 2 }], [{ q: 1 }, { q: 5 }, { q: 9 }]).map((d) => `${d.kind} ${d.path}`)).toEqual(['changed [1].q', 'extra [2]']);
    expect(jsonDiff({ lines: [1, 2] }, { lines: [1] }).map((d) => `${d.kind} ${d.path}`)).toEqual(['missing lines[1]']);
  });

  it('quotes keys that are not plain names and reports a changed type at the whole value', () => {
    expect(jsonDiff({ a: { 'x y': 1 } }, { a: { 'x y': 2 } })[0]?.path).toBe('a.`x y`');
    expect(jsonDiff({ a: 1 }, [1])).toEqual([{ path: '', kind: 'changed', expected: { a: 1 }, actual: [1] }]);
  });

  it('stops at the limit so a wholly different big output stays cheap', () => {
    const expected = Array.from({ length: 1000 }, (_, i) => i);
    const actual = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(jsonDiff(expected, actual, 10)).toHaveLength(10);
  });

  it('describes a difference in one line', () => {
    expect(describeDifference({ path: 'total', kind: 'changed', expected: 3, actual: 4 })).toBe('total: expected 3, got 4');
    expect(describeDifference({ path: 'id', kind: 'missing', expected: 'a' })).toBe('id: expected "a", missing');
    expect(describeDifference({ path: '', kind: 'extra', actual: 1 })).toBe('the output: not expected, got 1');
  });
});
