// Differential proof of the JSONata compiler on the corpus (test/fixtures/jsonata-corpus/): every entry is
// evaluated by jsonata 2.x and, when it compiles, by the compiled closure; they must agree on the result or
// on the error code and position (./compare.ts says exactly how). Expressions that fall back are counted,
// with their reasons, in the coverage table this file prints.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CoverageReport, disagreement, evaluateCompiled, evaluateReference, compiler, messageDiffers, normalise, TEST_LIMITS } from './compare.js';

const CORPUS = new URL('../../../../fixtures/jsonata-corpus/', import.meta.url);

/**
 * Regression guard, not a goal: the share of the corpus's distinct expressions that compiled when this
 * test was last tuned, minus a small margin. Raise it when the compiler covers more; a drop below it
 * means something that compiled before now falls back. Measured 2025-12-04: 1,024 of 1,075 (95.3%).
 */
const COVERAGE_FLOOR = 0.93;

/** `$now()`/`$millis()` read the clock: both evaluators see this instant, so their results can be compared. */
const FROZEN_NOW = new Date('2025-12-01T12:00:00.000Z');

interface CorpusEntry {
  expression: string;
  dataset: string;
  note?: string;
}

interface Case extends CorpusEntry {
  name: string;
  /** The dataset's text: each evaluator parses its own copy, so neither can see the other's mutations. */
  datasetText: string;
}

function loadCorpus(): Case[] {
  const datasets = new Map<string, string>();
  const datasetText = (name: string): string => {
    let text = datasets.get(name);
    if (text === undefined) {
      text = readFileSync(new URL(`datasets/${name}.json`, CORPUS), 'utf8');
      datasets.set(name, text);
    }
    return text;
  };
  const cases: Case[] = [];
  for (const file of readdirSync(new URL('expressions/', CORPUS)).filter((name) => name.endsWith('.json')).sort()) {
    const entries = JSON.parse(readFileSync(new URL(`expressions/${file}`, CORPUS), 'utf8')) as CorpusEntry[];
    entries.forEach((entry, index) => {
      cases.push({ ...entry, name: `${file} #${index} on ${entry.dataset}: ${entry.expression}`, datasetText: datasetText(entry.dataset) });
    });
  }
  return cases;
}

const cases = loadCorpus();
describe('the differential comparison', () => {
  const value = (v: unknown) => ({ kind: 'value' as const, value: v, json: v === undefined ? undefined : JSON.stringify(normalise(v)) });
  const error = (code: string, position?: number) => ({ kind: 'error' as const, code, position, message: code });

  it('catches a singleton left in an array, undefined against null, and a changed key order', () => {
    expect(disagreement(value(1), value([1]))).toMatch(/results differ/);
    expect(disagreement(value(undefined), value(null))).toMatch(/results differ/);
    expect(disagreement(value({ a: 1, b: 2 }), value({ b: 2, a: 1 }))).toMatch(/results differ/);
  });

  it('treats a sequence as the array JSON makes of it, and drops undefined members as JSON does', () => {
    const sequence = Object.assign([1, 2], { sequence: true });
    expect(disagreement(value(sequence), value([1, 2]))).toBeUndefined();
    expect(disagreement(value({ a: 1 }), value({ a: 1, b: undefined }))).toBeUndefined();
  });

  it('catches a different error code or position, and an error against a result', () => {
    expect(disagreement(error('T2001', 3), error('T2002', 3))).toMatch(/error codes differ/);
    expect(disagreement(error('T2001', 3), error('T2001', 5))).toMatch(/different positions/);
    expect(disagreement(error('D3030', 8), value(undefined))).toMatch(/jsonata threw D3030 at 8.*compiled returned undefined/);
  });
});

describe('the JSONata corpus', () => {
  it('holds at least 500 expressions, each naming a dataset that exists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    for (const entry of cases) expect(entry.datasetText.length, entry.name).toBeGreaterThan(0);
  });
});

describe('compiled JSONata agrees with jsonata 2.x on the corpus', () => {
  const coverage = new CoverageReport(compiler);

  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: FROZEN_NOW });
  });
  afterAll(() => {
    vi.useRealTimers();
    coverage.print('JSONata corpus compile coverage');
  });

  for (const entry of cases) {
    it(entry.name, async () => {
      const reference = await evaluateReference(entry.expression, JSON.parse(entry.datasetText));
      const outcome = coverage.compile(entry.expression);
      if ('thrown' in outcome) {
        // The compiler may reject a syntax error itself, but only the way jsonata does.
        expect(disagreement(reference, outcome.thrown), 'compileJsonata threw').toBeUndefined();
        return;
      }
      if (!outcome.compiled) return;
      const compiled = evaluateCompiled(outcome, JSON.parse(entry.datasetText), compiler.createEvaluationGuard(TEST_LIMITS));
      if (compiled.kind === 'needs-interpreter') coverage.runtimeFallbacks++;
      if (messageDiffers(reference, compiled)) coverage.messageMismatches.push(`${entry.expression}: jsonata "${reference.kind === 'error' ? reference.message : ''}", compiled "${compiled.kind === 'error' ? compiled.message : ''}"`);
      expect(disagreement(reference, compiled)).toBeUndefined();
    });
  }

  // Mappings meet messages of the wrong shape (an empty body, a list where an object was expected): every
  // compiled expression of a corpus file must also agree on those, where undefined propagation decides.
  const WRONG_SHAPES: unknown[] = [null, {}, [], 'text', 42, { rows: [], orders: [], line_items: [], Invoices: [], deals: [], stock: [], refunds: [] }];
  for (const file of [...new Set(cases.map((entry) => entry.name.split(' ')[0] ?? ''))]) {
    it(`${file}: every compiled expression agrees on inputs of the wrong shape too`, async () => {
      const problems: string[] = [];
      for (const entry of cases.filter((candidate) => candidate.name.startsWith(`${file} `))) {
        const outcome = coverage.compile(entry.expression);
        if ('thrown' in outcome || !outcome.compiled) continue;
        for (const input of WRONG_SHAPES) {
          const reference = await evaluateReference(entry.expression, structuredClone(input));
          const found = disagreement(reference, evaluateCompiled(outcome, structuredClone(input), compiler.createEvaluationGuard(TEST_LIMITS)));
          if (found) problems.push(`${entry.expression} on ${JSON.stringify(input)}: ${found}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('compiles at least the share of the corpus it compiled before (regression guard)', () => {
    for (const entry of cases) coverage.compile(entry.expression);
    expect(coverage.share).toBeGreaterThanOrEqual(COVERAGE_FLOOR);
  });
});
