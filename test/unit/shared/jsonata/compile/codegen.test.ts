// Generated code (shared/jsonata/compile/codegen/, docs/jsonata-compiler.md "Generated code"): the
// constructs it writes out agree with jsonata 2.x, also on the values that leave its fast paths; source
// text from the expression cannot break out of the generated function; and with generation off (as under
// a Content-Security-Policy) the closures alone give the very same results on the whole corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileJsonata } from '../../../../../shared/jsonata/compile/compile.js';
import { setCodeGeneration } from '../../../../../shared/jsonata/compile/codegen/generate.js';
import { createEvaluationGuard } from '../../../../../shared/jsonata/compile/guard.js';
import { disagreement, evaluateCompiled, TEST_LIMITS } from './compare.js';
import { expectSameAsJsonata, ORDER } from './compiler-harness.js';

afterEach(() => {
  setCodeGeneration(true);
});

function generatedParts(source: string): number {
  const outcome = compileJsonata(source);
  if (!outcome.compiled) throw new Error(`${source} falls back: ${outcome.reason}`);
  return outcome.generated;
}

describe('generated code', () => {
  it("writes out the benchmark's mappings as one function each", () => {
    expect(generatedParts('{ "orderNo": id, "customer": customer.name, "total": $sum(lines.(qty * price)), "country": country }')).toBe(1);
    expect(generatedParts('total >= 50')).toBe(1);
    expect(generatedParts('{ "no": orderNo, "amount": $round(total * 1.21, 2), "cc": $uppercase(country) }')).toBe(1);
  });

  it('leaves constructs outside its subset to the closures, and generates the supported parts inside them', () => {
    // the call and its first argument; the lambda is a closure, its body generated on its own
    expect(generatedParts('$map(lines, function($l) { $l.qty * $l.price })')).toBe(2);
    // order-by is a closure; its term `price` is a path, generated
    expect(generatedParts('lines^(price)')).toBe(1);
    expect(generatedParts('[1..3]')).toBe(0);
    expect(generatedParts('42')).toBe(0);
  });

  it('generates nothing while generation is off, and the result is the same', () => {
    const source = '{ "total": $sum(lines.(qty * price)), "big": total > 100 }';
    const guard = () => createEvaluationGuard(TEST_LIMITS);
    const on = compileJsonata(source);
    setCodeGeneration(false);
    const off = compileJsonata(source);
    if (!on.compiled || !off.compiled) throw new Error('expected both to compile');
    expect(off.generated).toBe(0);
    expect(JSON.stringify(off.evaluate(ORDER, undefined, guard()))).toBe(JSON.stringify(on.evaluate(ORDER, undefined, guard())));
  });

  it.each([
    // name paths: objects, arrays on the way or at the end, missing steps, inherited and built-in keys
    ['customer.address.city', ORDER],
    ['lines.sku', ORDER],
    ['customer.nothing.city', ORDER],
    ['constructor', ORDER],
    ['customer.toString', ORDER],
    ['id', [ORDER, ORDER]],
    ['id', [ORDER]],
    ['a.b', { a: [{ b: 1 }, { b: [2, 3] }] }],
    ['a.b', { a: { b: [] } }],
    ['name', { name: 'n' }],
    ['$sum.name', ORDER],
    // steps: blocks, constructed arrays, predicates, `$`/`$$` first, a lone array at the end
    ['lines.(qty * price)', ORDER],
    ['lines.(qty; price)', ORDER],
    ['lines.[sku, qty]', ORDER],
    ['lines.tags', ORDER],
    ['lines[qty > 1].(sku & "!")', ORDER],
    ['lines.tags[0]', ORDER],
    ['$.lines.sku', ORDER],
    ['$$.lines.qty', ORDER],
    ['lines.(tags)', ORDER],
    ['lines.(nothing)', ORDER],
    ['a.(b)', { a: [{ b: [[1, 2]] }] }],
    ['a.(b)', { a: { b: [1, 2] } }],
    // operators: fast paths and the values that leave them
    ['total * 2 + 1', ORDER],
    ['total - "1"', ORDER],
    ['"1" * total', ORDER],
    ['total / 0 > 1', ORDER],
    ['nothing + 1', ORDER],
    ['id < 5', ORDER],
    ['id < "T"', ORDER],
    ['customer < 5', ORDER],
    ['total = 129.5', ORDER],
    ['lines = lines', ORDER],
    ['customer != customer', ORDER],
    ['nothing = nothing', ORDER],
    ['id & "-" & total', ORDER],
    ['id & customer', ORDER],
    ['nothing and true', ORDER],
    ['lines and id', ORDER],
    ['false or nothing', ORDER],
    ['1 and (1 + "a")', ORDER],
    ['-total', ORDER],
    ['-id', ORDER],
    ['-nothing', ORDER],
    // conditions, object constructors, built-in calls
    ['total > 100 ? "big" : "small"', ORDER],
    ['nothing ? 1', ORDER],
    ['lines ? lines.sku : 0', ORDER],
    ['{ "a": id, "b": nothing, "c": lines.sku }', ORDER],
    ['{ "a": id }', [ORDER, ORDER]],
    ['{ "a": 1 + "x", "b": $sum("z") }', ORDER],
    ['{ "a": customer.name, "b": -"y", "c": lines.(qty * "p") }', ORDER],
    ['{ "a": $sum("z"), "b": 1 + "x" }', ORDER],
    ['$sum(lines.price)', ORDER],
    ['$uppercase(id)', ORDER],
    ['$uppercase()', ORDER],
    ['$uppercase(lines)', ORDER],
    ['$round(total * 1.21, 2)', ORDER],
    ['$string(lines.qty)', ORDER],
    // built-ins written out for their usual arguments, and every other argument
    ['$sum(lines.qty)', ORDER],
    ['$sum([])', ORDER],
    ['$sum(total)', ORDER],
    ['$sum([1, "2"])', ORDER],
    ['$sum(nothing)', ORDER],
    ['$count(lines)', ORDER],
    ['$count(id)', ORDER],
    ['$count(nothing)', ORDER],
    ['$count(lines, 1)', ORDER],
    ['$round(total)', ORDER],
    ['$round(2.5) + $round(-3.5) + $round(1.005, 2)', ORDER],
    ['$round(total, "2")', ORDER],
    ['$round(id, 2)', ORDER],
    ['$lowercase(customer.email)', ORDER],
    ['$lowercase(total)', ORDER],
    ['$uppercase(id, 1)', ORDER],
    ['customer.$uppercase()', ORDER],
    ['lines.$sum(qty)', ORDER],
    ['$', [1, 2]],
    ['$.$', ORDER],
  ])('%s agrees with jsonata', async (source, input) => {
    await expectSameAsJsonata(source, input);
  });

  it('uses the evaluation bindings that replace a built-in', async () => {
    await expectSameAsJsonata('$sum(lines.price)', ORDER, { bindings: { sum: 3 } });
    await expectSameAsJsonata('$uppercase(id)', ORDER, { bindings: { uppercase: 'x' } });
    await expectSameAsJsonata('$count(lines)', ORDER, { bindings: { count: 1 } });
  });

  it('takes names and strings from the expression as data, never as source', async () => {
    const hostile = ['"); throw 1; ("', "'; globalThis.hacked = 1; '", '\\u2028\n*/ }', '${globalThis.hacked = 1}', '`'];
    for (const text of hostile) {
      const key = JSON.stringify(text);
      await expectSameAsJsonata(`{ ${key}: ${key} & "x", "k": \`${text.replaceAll('`', '')}\` }`, { [text.replaceAll('`', '')]: 7 });
    }
    expect((globalThis as { hacked?: unknown }).hacked).toBeUndefined();
  });
});

describe('with generation off, the closures alone agree with generated code on the whole corpus', () => {
  const corpus = new URL('../../../../fixtures/jsonata-corpus/', import.meta.url);
  const entries: { expression: string; dataset: string }[] = [];
  for (const file of readdirSync(new URL('expressions/', corpus)).filter((name) => name.endsWith('.json'))) {
    entries.push(...(JSON.parse(readFileSync(new URL(`expressions/${file}`, corpus), 'utf8')) as typeof entries));
  }
  const WRONG_SHAPES: unknown[] = [null, {}, [], 'text', 42];

  it('on every dataset and on inputs of the wrong shape', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-12-01T12:00:00.000Z') });
    try {
      const problems: string[] = [];
      let generatedSomewhere = 0;
      for (const { expression, dataset } of entries) {
        let generated;
        let closures;
        try {
          setCodeGeneration(true);
          generated = compileJsonata(expression);
          setCodeGeneration(false);
          closures = compileJsonata(expression);
        } catch {
          continue; // a syntax error the compiler reports itself: differential.test.ts checks it
        }
        if (!generated.compiled || !closures.compiled) continue;
        if (generated.generated > 0) generatedSomewhere++;
        const datasetText = readFileSync(new URL(`datasets/${dataset}.json`, corpus), 'utf8');
        for (const input of [JSON.parse(datasetText) as unknown, ...WRONG_SHAPES]) {
          const viaGenerated = evaluateCompiled(generated, structuredClone(input), createEvaluationGuard(TEST_LIMITS));
          const viaClosures = evaluateCompiled(closures, structuredClone(input), createEvaluationGuard(TEST_LIMITS));
          const found = disagreement(viaClosures, viaGenerated);
          if (found) problems.push(`${expression} on ${JSON.stringify(input).slice(0, 60)}: ${found}`);
        }
      }
      expect(problems).toEqual([]);
      // Most of the corpus runs through generated code, so the comparison above exercises it.
      expect(generatedSomewhere).toBeGreaterThan(entries.length / 2);
    } finally {
      vi.useRealTimers();
    }
  });
});
