// Hardening catalogue — where the engine evaluates an expression (docs/jsonata-compiler.md "Where
// compiled code runs"): what the JSONata compiler took and can bound runs in-process with its limits
// intact; what it left to jsonata, or whose built-in calls may be huge, goes to an evaluation process.
import { afterAll, describe, expect, it } from 'vitest';
import { createEvaluationPool, createIsolatedMappingEvaluator } from '../../../main/engine/index.js';
import { MappingError } from '../../../main/engine/errors.js';

describe('the engine evaluator with the compiler', () => {
  const pool = createEvaluationPool({ size: 1 });
  afterAll(() => pool.close());
  const evaluator = createIsolatedMappingEvaluator(pool);

  it('evaluates compiled, bounded expressions in-process without starting an evaluation process', async () => {
    expect(await evaluator.evaluate('{ "id": orderId, "total": $sum(lines.(qty * price)) }', { orderId: 7, lines: [{ qty: 2, price: 3 }, { qty: 1, price: 4 }] })).toEqual({ id: 7, total: 10 });
    expect(await evaluator.renderTemplate('https://erp.example/orders/{{ orderNo }}', { orderNo: 'A-1' })).toBe('https://erp.example/orders/A-1');
    expect(pool.processCount).toBe(0);
  });

  it('keeps the time limit for a compiled runaway in-process', async () => {
    const failure = await evaluator.evaluate('$reduce([1..100000], function($a, $b) { $count([1..100000]) + $a })', {}, undefined, { timeoutMs: 50 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MappingError);
    expect((failure as MappingError).jsonataCode).toBe('PW-TIMEOUT');
    expect(pool.processCount).toBe(0);
  });

  it('fails an in-process result over the size limit with PW-MEMORY', async () => {
    const small = createIsolatedMappingEvaluator(pool, { maxResultChars: 1000 });
    const failure = await small.evaluate('$map([1..500], function($n) { "item " & $string($n) })', {}).catch((error: unknown) => error);
    expect((failure as MappingError).jsonataCode).toBe('PW-MEMORY');
    expect((failure as MappingError).message).toMatch(/over the limit of 1,000/);
    expect(pool.processCount).toBe(0);
  });

  it('answers at once (evaluateNow) exactly what it evaluates in-process, with the same limits, and nothing else', () => {
    expect(evaluator.evaluateNow?.('{ "total": $sum(lines.(qty * price)) }', { lines: [{ qty: 2, price: 3 }] })).toEqual({ value: { total: 6 } });
    expect(evaluator.evaluateNow?.('missing', {})).toEqual({ value: undefined });
    // Only an evaluation process may run these: the caller must await `evaluate`.
    expect(evaluator.evaluateNow?.('$match(code, /[0-9]+/).match', { code: 'A-42' })).toBeUndefined();
    expect(evaluator.evaluateNow?.('$count([1..n])', { n: 3 })).toBeUndefined();
    const small = createIsolatedMappingEvaluator(pool, { maxResultChars: 1000 });
    const tooLarge = ((): unknown => {
      try {
        return small.evaluateNow?.('$map([1..500], function($n) { "item " & $string($n) })', {});
      } catch (error) {
        return error;
      }
    })();
    expect((tooLarge as MappingError).jsonataCode).toBe('PW-MEMORY');
    const broken = ((): unknown => {
      try {
        return evaluator.evaluateNow?.('$number(v)', { v: 'x' }, undefined, { path: 'nodes[1].config.expression' });
      } catch (error) {
        return error;
      }
    })();
    expect(broken).toBeInstanceOf(MappingError);
    expect((broken as MappingError).jsonataCode).toBe('D3030');
    expect(pool.processCount).toBe(0);
  });

  it('sends what the compiler left to jsonata, and ranges from data, to an evaluation process', async () => {
    expect(await evaluator.evaluate('$match(code, /[0-9]+/).match', { code: 'A-42' })).toBe('42');
    expect(pool.processCount).toBe(1);
    expect(await evaluator.evaluate('$count([1..n])', { n: 3 })).toBe(3);
  });
});
