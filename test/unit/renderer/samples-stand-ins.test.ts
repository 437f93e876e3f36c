// The designer's sample propagation takes a flow test's stand-in for a node it does not run while
// designing before what a test expects that node to emit.
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createGuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import { inputOf } from '../../../renderer/src/samples/propagate.js';
import { standInOutputs } from '../../../renderer/src/samples/stand-in-outputs.js';

const guarded = createGuardedEvaluator();
const evaluate = (expression: string, input: unknown) => guarded.evaluate(expression, input);

function flow(tests: FlowDocument['tests']): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'f', name: 'f',
    nodes: [
      { id: 'nightly', type: 'trigger.schedule', position: [0, 0], config: { cron: '0 30 2 * * *' } },
      { id: 'fetch', type: 'http.request', position: [260, 0], config: { url: 'https://api.shop.example/v1/orders' } },
      { id: 'record', type: 'transform.map', position: [520, 0], config: { expression: '{ "orderNo": number }' } },
    ],
    edges: [{ from: 'nightly', to: 'fetch' }, { from: 'fetch', to: 'record' }],
    samples: { nightly: [{ firedAt: '2026-03-02T01:30:00.000Z' }] },
    ...(tests === undefined ? {} : { tests }),
  };
}

describe('stand-ins in sample propagation', () => {
  it('prefers a test\'s stand-in for a node over any test\'s expectation of it', async () => {
    const doc = flow([
      { name: 'expects', input: { nightly: [{}] }, expect: { fetch: [{ number: 'from an expectation' }] } },
      { name: 'stands in', input: { nightly: [{}] }, standIns: { fetch: [{ number: 'SO-1' }, { number: 'SO-2' }] }, expect: {} },
    ]);
    expect(standInOutputs(doc)).toEqual({ fetch: [{ number: 'SO-1' }, { number: 'SO-2' }] });
    const input = await inputOf(doc, 'record', evaluate, { standIn: (id) => standInOutputs(doc)[id] });
    expect(input).toMatchObject({ found: true, messages: [{ number: 'SO-1' }, { number: 'SO-2' }] });
  });

  it('falls back to what the first test expects a node to emit', () => {
    const doc = flow([
      { name: 'a', input: {}, expect: { fetch: [{ number: 'first' }] } },
      { name: 'b', input: {}, expect: { fetch: [{ number: 'second' }], record: [{ orderNo: 'second' }] } },
    ]);
    expect(standInOutputs(doc)).toEqual({ fetch: [{ number: 'first' }], record: [{ orderNo: 'second' }] });
    expect(standInOutputs(flow(undefined))).toEqual({});
  });
});
