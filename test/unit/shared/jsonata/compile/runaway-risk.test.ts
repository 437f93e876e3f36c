import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { runawayRisk } from '../../../../../shared/jsonata/compile/runaway-risk.js';

const riskOf = (source: string): string | undefined => runawayRisk(jsonata(source).ast());

describe('runawayRisk', () => {
  it('lets ordinary mappings run in-process', () => {
    for (const source of [
      '{ "id": orderId, "total": $sum(lines.(price * qty)) }',
      'lines[price > 10].$uppercase(sku)',
      '[1..12].$string($)',
      '$pad(sku, 12, "0")',
      '$pad(sku, -8)',
      '$map(items, function($i) { $i.name })',
    ]) expect(riskOf(source), source).toBeUndefined();
  });

  it('sends ranges from data or beyond the small span to the watchdog', () => {
    expect(riskOf('[1..n]')).toMatch(/bounds come from data/);
    expect(riskOf('$string([1..10000000])')).toMatch(/more than 100,000 items/);
    expect(riskOf('a ? [0..count - 1] : []')).toMatch(/bounds come from data/);
  });

  it('sends $pad to a large or computed width, or passed as a value, to the watchdog', () => {
    expect(riskOf('$pad("", 4e8)')).toMatch(/\$pad/);
    expect(riskOf('$pad(name, width)')).toMatch(/\$pad/);
    expect(riskOf('$map(names, $pad)')).toMatch(/function value/);
    // A bounded call still has its arguments looked at.
    expect(riskOf('$pad($string([1..n]), 5)')).toMatch(/bounds come from data/);
  });
});
