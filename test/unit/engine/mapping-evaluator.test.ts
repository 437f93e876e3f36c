import { describe, expect, it } from 'vitest';
import { MappingError } from '../../../main/engine/errors.js';
import { createMappingEvaluator } from '../../../main/engine/mapping/evaluator.js';

const mapping = createMappingEvaluator();

async function failure(work: Promise<unknown>): Promise<MappingError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    return error as MappingError;
  }
  throw new Error('expected the evaluation to fail');
}

describe('mapping evaluator', () => {
  it('evaluates an expression against the payload with $meta bound', async () => {
    const result = await mapping.evaluate('{ "n": id, "run": $meta.runId }', { id: 7 }, { meta: { runId: 'r1' } });
    expect(result).toEqual({ n: 7, run: 'r1' });
  });

  it('reports a syntax error with its JSONata code and range', async () => {
    const error = await failure(mapping.evaluate('foo.(bar', {}));
    expect(error.code).toBe('MAPPING_ERROR');
    expect(error.jsonataCode).toMatch(/^S0/);
    expect(error.location?.range).toBeDefined();
    expect(error.transient).toBe(false);
  });

  it('reports a runtime type error with the range of the operator', async () => {
    const expression = 'a + "x"';
    const error = await failure(mapping.evaluate(expression, { a: 1 }));
    expect(error.jsonataCode).toBe('T2002');
    const range = error.location?.range;
    expect(range).toBeDefined();
    expect(range!.start).toBeGreaterThanOrEqual(0);
    expect(range!.end).toBeLessThanOrEqual(expression.length);
  });

  it('stops a runaway tail-recursive loop at the time limit and keeps working afterwards', async () => {
    const started = Date.now();
    const error = await failure(mapping.evaluate('($f := function($n) { $f($n + 1) }; $f(0))', {}, undefined, { timeoutMs: 200 }));
    expect(error.jsonataCode).toBe('PW-TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await mapping.evaluate('1 + 1', {})).toBe(2);
  });

  it('stops infinite non-tail recursion at the depth limit', async () => {
    const error = await failure(mapping.evaluate('($f := function($n) { 1 + $f($n + 1) }; $f(0))', {}));
    expect(error.jsonataCode).toBe('PW-DEPTH');
    expect(error.message).toMatch(/deeper than its limit of 500/);
  });

  it('stops a huge range at the time limit', async () => {
    const error = await failure(mapping.evaluate('$count([1..9999999].($ * 2))', {}, undefined, { timeoutMs: 100 }));
    expect(['PW-TIMEOUT', 'D2014']).toContain(error.jsonataCode);
  });

  it('adds the flow path to the error location when the caller gives one', async () => {
    const error = await failure(mapping.evaluate('foo.(', {}, undefined, { path: 'nodes[1].config.expression' }));
    expect(error.location?.path).toBe('nodes[1].config.expression');
  });

  it('compiles each expression once and keeps working when the cache overflows', async () => {
    const small = createMappingEvaluator({ cacheSize: 2 });
    for (let i = 0; i < 10; i += 1) expect(await small.evaluate(`${i} + x`, { x: 1 })).toBe(i + 1);
    expect(await small.evaluate('9 + x', { x: 2 })).toBe(11);
  });

  it('renders templates: strings as they are, objects as JSON, nothing as empty text', async () => {
    const text = await mapping.renderTemplate('/orders/{{ id }}?q={{ q }}&x={{ missing }}&n={{ nothing }}', { id: 'A-1', q: { a: 1 }, nothing: null });
    expect(text).toBe('/orders/A-1?q={"a":1}&x=&n=');
  });

  it('reports a template error with the range inside the whole template', async () => {
    const template = 'https://x/{{ a + }}';
    const error = await failure(mapping.renderTemplate(template, {}));
    const range = error.location?.range;
    expect(range!.start).toBeGreaterThanOrEqual(template.indexOf('{{'));
    const unclosed = await failure(mapping.renderTemplate('x {{ a', {}));
    expect(unclosed.jsonataCode).toBe('TEMPLATE');
  });

  it('survives a deeply nested payload', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const result = await mapping.evaluate('$string($)', deep).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (!result.ok) expect(result.error).toBeInstanceOf(MappingError);
    expect(await mapping.evaluate('a.a.a ? "deep" : "flat"', deep)).toBe('deep');
  });
});
