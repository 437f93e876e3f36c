// The command's counts: grouped as `toLocaleString('en-US')` groups them, without loading ICU.
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../main/cli/format/count.js';

describe('formatCount', () => {
  it('groups integer digits by three, as en-US does', () => {
    for (const value of [0, 1, 12, 999, 1000, 12_345, 100_000, 1_000_000, 1_234_567_890, -4321, 1234.5, 0.25, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(value)).toBe(value.toLocaleString('en-US', { maximumFractionDigits: 20 }));
    }
  });

  it('prints what is not a plain number as String does', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatCount(1e21)).toBe('1e+21');
  });
});
