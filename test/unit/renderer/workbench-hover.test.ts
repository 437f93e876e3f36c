import { describe, expect, it } from 'vitest';
import { functionAt } from '../../../renderer/src/mapping/jsonata-language.js';
import { getJsonataFunction } from '../../../shared/jsonata/functions.js';

describe('hover docs: the function under the pointer', () => {
  it('finds the $name the pointer is on, and the standard functions have docs', () => {
    const line = 'total: $sum(lines.$round(price, 2))';
    expect(functionAt(line, line.indexOf('$sum') + 2)).toEqual({ name: '$sum', start: 7, end: 11 });
    expect(functionAt(line, line.indexOf('$round'))?.name).toBe('$round');
    expect(getJsonataFunction('$round')?.doc).toMatch(/\w/);
  });

  it('finds nothing off a function name', () => {
    expect(functionAt('lines.qty', 3)).toBeUndefined();
  });
});
