import { describe, expect, it } from 'vitest';
import { subExpressionAt } from '../../../renderer/src/workbench/sub-expression.js';

const at = (expression: string, marker: string, shift = 1): string | undefined => subExpressionAt(expression, expression.indexOf(marker) + shift)?.text;

describe('the sub-expression under the cursor', () => {
  const expression = 'Account.Order[0].(Price * Quantity) + $sum(lines.qty)';

  it('is the path up to the step under the cursor', () => {
    expect(at(expression, 'Account')).toBe('Account');
    expect(at(expression, 'Order')).toBe('Account.Order[0]');
    expect(at(expression, 'qty')).toBe('lines.qty');
  });

  it('is the whole call when the cursor is on a function name', () => {
    expect(at(expression, '$sum')).toBe('$sum(lines.qty)');
  });

  it('is an operand inside a block', () => {
    expect(at(expression, 'Quantity')).toBe('Quantity');
  });

  it('is nothing for an expression that does not parse or when the smallest part is the whole', () => {
    expect(subExpressionAt('$sum(', 3)).toBeUndefined();
    expect(subExpressionAt('total', 2)).toBeUndefined();
  });
});
