import { describe, expect, it } from 'vitest';
import { MappingError } from '../../../../main/engine/errors.js';
import { createMappingEvaluator } from '../../../../main/engine/mapping/evaluator.js';
import { createGuardedEvaluator, JsonataFailure, templateText, timeoutFailure } from '../../../../shared/jsonata/guarded-evaluator.js';

const guarded = createGuardedEvaluator();
const engine = createMappingEvaluator();

async function failure(work: Promise<unknown>): Promise<JsonataFailure> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JsonataFailure);
  return error as JsonataFailure;
}

async function engineFailure(work: Promise<unknown>): Promise<MappingError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MappingError);
  return error as MappingError;
}

const RUNAWAY_LOOP = '($f := function($n) { $f($n + 1) }; $f(0))';
const RUNAWAY_RECURSION = '($f := function($n) { 1 + $f($n + 1) }; $f(0))';

describe('the shared guarded JSONata evaluator', () => {
  it('evaluates an expression with bindings and reports no result as undefined', async () => {
    expect(await guarded.evaluate('{ "n": id, "run": $meta.runId }', { id: 7 }, { meta: { runId: 'r1' } })).toEqual({ n: 7, run: 'r1' });
    expect(await guarded.evaluate('missing', { id: 7 })).toBeUndefined();
  });

  it('stops a runaway loop at the time limit with PW-TIMEOUT and keeps working afterwards', async () => {
    const started = Date.now();
    const error = await failure(guarded.evaluate(RUNAWAY_LOOP, {}, undefined, { timeoutMs: 100 }));
    expect(error.jsonataCode).toBe('PW-TIMEOUT');
    expect(error.message).toMatch(/100 ms time limit/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await guarded.evaluate('1 + 1', {})).toBe(2);
  });

  it('stops infinite recursion at the depth limit with PW-DEPTH', async () => {
    const error = await failure(guarded.evaluate(RUNAWAY_RECURSION, {}));
    expect(error.jsonataCode).toBe('PW-DEPTH');
    expect(error.message).toMatch(/deeper than its limit of 500/);
    const lower = await failure(guarded.evaluate(RUNAWAY_RECURSION, {}, undefined, { maxDepth: 50 }));
    expect(lower.message).toMatch(/limit of 50 /);
  });

  it('fails exactly as the engine does: same code, message and range', async () => {
    const cases: Array<[string, unknown, { timeoutMs?: number }?]> = [
      ['foo.(bar', {}],
      ['a + "x"', { a: 1 }],
      [RUNAWAY_RECURSION, {}],
      [RUNAWAY_LOOP, {}, { timeoutMs: 50 }],
      ['$error("stop here")', {}],
    ];
    for (const [expression, input, limits] of cases) {
      const shared = await failure(guarded.evaluate(expression, input, undefined, limits));
      const fromEngine = await engineFailure(engine.evaluate(expression, input, undefined, limits));
      expect(fromEngine.jsonataCode).toBe(shared.jsonataCode);
      expect(fromEngine.message).toBe(shared.message);
      // Where a runaway loop is stopped depends on the clock; every other failure has one range.
      if (shared.jsonataCode !== 'PW-TIMEOUT') expect(fromEngine.location?.range).toEqual(shared.range);
    }
  });

  it('gives a runtime error the range of the offending operator', async () => {
    const expression = 'a + "x"';
    const error = await failure(guarded.evaluate(expression, { a: 1 }));
    expect(error.jsonataCode).toBe('T2002');
    expect(error.range.start).toBeGreaterThanOrEqual(0);
    expect(error.range.end).toBeLessThanOrEqual(expression.length);
  });

  it('renders templates and moves an error range to its place in the whole template', async () => {
    expect(await guarded.renderTemplate('/orders/{{ id }}?q={{ q }}&x={{ missing }}', { id: 'A-1', q: { a: 1 } })).toBe('/orders/A-1?q={"a":1}&x=');
    const template = 'https://x/{{ a + }}';
    const error = await failure(guarded.renderTemplate(template, {}));
    expect(error.range.start).toBeGreaterThanOrEqual(template.indexOf('{{') + 2);
    expect((await failure(guarded.renderTemplate('x {{ a', {}))).jsonataCode).toBe('TEMPLATE');
    const timedOut = await failure(guarded.renderTemplate(`/n/{{ ${RUNAWAY_LOOP} }}`, {}, undefined, { timeoutMs: 50 }));
    expect(timedOut.jsonataCode).toBe('PW-TIMEOUT');
  });

  it('shows template values the way a URL needs them', () => {
    expect([templateText(undefined), templateText(null), templateText('a b'), templateText(3), templateText([1])]).toEqual(['', '', 'a b', '3', '[1]']);
  });

  it('describes a host-side stop with the same code and message as the guard', async () => {
    const stopped = timeoutFailure('$x', 1000);
    const guard = await failure(guarded.evaluate(RUNAWAY_LOOP, {}, undefined, { timeoutMs: 1000 }));
    expect(stopped.jsonataCode).toBe(guard.jsonataCode);
    expect(stopped.message).toBe(guard.message);
    expect(stopped.range).toEqual({ start: 0, end: 2 });
  });
});
