// The workbench's outputs worked out on the UI thread within a keystroke: the same views the evaluation
// worker gives, and nothing at all (the workers answer) for whatever does not fit the budget.
import { describe, expect, it } from 'vitest';
import { createEvaluationHost } from '../../../renderer/src/mapping/evaluation-host.js';
import type { FromWorker } from '../../../renderer/src/mapping/worker-messages.js';
import { createQuickOutputs, fewerValuesThan } from '../../../renderer/src/workbench/quick-outputs.js';
import type { SampleOutcome } from '../../../renderer/src/workbench/outputs-asker.js';

const order = { id: 'A-1', lines: [{ sku: 'X', qty: 2, price: 3.5 }, { sku: 'Y', qty: 1, price: 10 }], customer: { name: 'Ada' } };

/** The evaluation worker's view of the same request (its host, run in Node). */
async function workerView(expression: string, input: unknown): Promise<unknown> {
  const answers: FromWorker[] = [];
  const host = createEvaluationHost((message) => answers.push(message));
  await host.receive({ type: 'sample', sampleId: 1, text: JSON.stringify(input) });
  await host.receive({ type: 'evaluate', id: 1, sampleId: 1, expression, kind: 'expression', timeoutMs: 1000 });
  const answer = answers[0];
  return answer?.type === 'answer' ? { ...answer.view, durationMs: 0 } : answer;
}

const withoutDuration = (outcomes: SampleOutcome[] | undefined) => outcomes?.map((outcome) => ('view' in outcome ? { ...outcome.view, durationMs: 0 } : outcome));

// A roomy budget where time is not what a test is about: the first compile in a cold process is slow.
const ROOMY = { budgetMs: 1000 };

describe('workbench quick outputs', () => {
  it('gives each sample the view the worker gives: results, no result and errors', async () => {
    const quick = createQuickOutputs(ROOMY);
    const other = { ...order, lines: [] };
    for (const expression of ['{ "total": $sum(lines.(qty * price)), "who": customer.name }', 'lines[qty > 5]', 'customer.name + 1', '$substring(id, 2)']) {
      const outcomes = quick.outputsNow({ expression, kind: 'expression', samples: [order, other] });
      expect(withoutDuration(outcomes)).toEqual([{ view: await workerView(expression, order) }, { view: await workerView(expression, other) }].map((outcome) => outcome.view));
    }
  });

  it('leaves templates, interpreter-only expressions and no samples to the workers', () => {
    const quick = createQuickOutputs(ROOMY);
    expect(quick.outputsNow({ expression: '/orders/{{ id }}', kind: 'template', samples: [order] })).toBeUndefined();
    expect(quick.outputsNow({ expression: '$formatNumber(lines[0].price, "#.00")', kind: 'expression', samples: [order] })).toBeUndefined();
    expect(quick.outputsNow({ expression: '$match(id, /A/)', kind: 'expression', samples: [order] })).toBeUndefined();
    expect(quick.outputsNow({ expression: 'id', kind: 'expression', samples: [] })).toBeUndefined();
    // Nothing of that makes the workers take the next keystroke too.
    expect(quick.outputsNow({ expression: 'id', kind: 'expression', samples: [order] })).toHaveLength(1);
  });

  it('gives up past its time budget, and leaves the next keystrokes to the workers for a while', () => {
    let now = 0;
    const quick = createQuickOutputs({ budgetMs: 1, backoffMs: 1000, now: () => now });
    expect(quick.outputsNow({ expression: '$sum([1..100000].($sum([1..100])))', kind: 'expression', samples: [order] })).toBeUndefined();
    now = 999;
    expect(quick.outputsNow({ expression: 'id', kind: 'expression', samples: [order] })).toBeUndefined();
    now = 1001;
    expect(quick.outputsNow({ expression: 'id', kind: 'expression', samples: [order] })).toHaveLength(1);
  });

  it('stops when the samples together spend the budget', () => {
    let now = 0;
    // Each evaluation "takes" 3 ms on this clock: the second sample finds the 4 ms budget spent.
    const quick = createQuickOutputs({
      budgetMs: 4,
      now: () => {
        now += 1.5;
        return now;
      },
    });
    expect(quick.outputsNow({ expression: 'id', kind: 'expression', samples: [order, order, order] })).toBeUndefined();
  });

  it('leaves outputs too big to format quickly to the workers', () => {
    const quick = createQuickOutputs({ ...ROOMY, maxValues: 100 });
    const big = { lines: Array.from({ length: 200 }, (_, i) => ({ sku: `S${i}` })) };
    expect(quick.outputsNow({ expression: 'lines', kind: 'expression', samples: [big] })).toBeUndefined();
  });

  it('counts values without walking past the limit', () => {
    expect(fewerValuesThan({ a: [1, 2, { b: 3 }] }, 10)).toBe(true);
    expect(fewerValuesThan({ a: [1, 2, { b: 3 }] }, 5)).toBe(false);
    expect(fewerValuesThan(Array.from({ length: 1_000_000 }, () => 0), 2000)).toBe(false);
    expect(fewerValuesThan('x'.repeat(200_000), 2000)).toBe(false);
    expect(fewerValuesThan(undefined, 2)).toBe(true);
  });
});
