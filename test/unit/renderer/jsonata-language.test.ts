import { describe, expect, it } from 'vitest';
import { openCall } from '../../../renderer/src/mapping/jsonata-language.js';

describe('signature help: the call the cursor is in', () => {
  it('finds the innermost open function call and the argument index', () => {
    expect(openCall('$substring(name, ')).toEqual({ name: '$substring', argument: 1 });
    expect(openCall('$sum(lines.$round(price, ')).toEqual({ name: '$round', argument: 1 });
    expect(openCall('$sum(lines.$round(price, 2), ')).toEqual({ name: '$sum', argument: 1 });
  });

  it('ignores commas inside strings and array or object literals', () => {
    expect(openCall('$join(["a", "b"], ", ')).toEqual({ name: '$join', argument: 1 });
    expect(openCall('$merge([{ "a": 1, "b": 2 }')).toBeUndefined();
    expect(openCall('$merge([{ "a": 1, "b": 2 }], ')).toEqual({ name: '$merge', argument: 1 });
  });

  it('is undefined outside a call or in a plain parenthesis', () => {
    expect(openCall('a + b')).toBeUndefined();
    expect(openCall('(a, ')).toBeUndefined();
    expect(openCall('$sum(x)')).toBeUndefined();
  });
});
