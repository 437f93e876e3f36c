// Samples at every node: the input of a node worked out from the trigger's samples through the nodes
// before it, with the engine's rules, by the same evaluator the designer's worker runs.
import { describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import { createGuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import { inputOf } from '../../../renderer/src/samples/propagate.js';

const guarded = createGuardedEvaluator();
const evaluate = (expression: string, input: unknown) => guarded.evaluate(expression, input);

function node(id: string, type: string, config: Record<string, unknown> = {}): FlowNode {
  return { id, type, position: [0, 0], config };
}

const orders = [{ id: 1, total: 80, country: 'nl', lines: [{ sku: 'a' }, { sku: 'b' }] }, { id: 2, total: 20, country: 'de', lines: [] }];

function chain(extra: Partial<FlowDocument> = {}): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'f', name: 'f',
    nodes: [
      node('in', 'trigger.manual'),
      node('shape', 'transform.map', { expression: '{ "no": id, "gross": total * 1.21, "cc": $uppercase(country), "lines": lines }' }),
      node('big', 'transform.filter', { condition: 'gross >= 50' }),
      node('route', 'transform.switch', { rules: [{ port: 'dutch', condition: 'cc = "NL"' }] }),
      node('each', 'transform.split', { path: 'lines' }),
      node('erp', 'http.request', { url: 'https://erp.example/orders' }),
      node('after', 'transform.map', { expression: 'status' }),
    ],
    edges: [
      { from: 'in', to: 'shape' }, { from: 'shape', to: 'big' }, { from: 'big', to: 'route' },
      { from: 'route', port: 'dutch', to: 'each' }, { from: 'each', to: 'erp' }, { from: 'erp', to: 'after' },
    ],
    samples: { in: orders },
    ...extra,
  };
}

describe('inputOf', () => {
  it('works out the input of the third node from the trigger sample', async () => {
    const input = await inputOf(chain(), 'route', evaluate);
    expect(input).toEqual({ found: true, origin: 'worked-out', through: ['in', 'shape', 'big'], messages: [{ no: 1, gross: 96.8, cc: 'NL', lines: [{ sku: 'a' }, { sku: 'b' }] }] });
  });

  it('follows switch ports and splits', async () => {
    const input = await inputOf(chain(), 'erp', evaluate);
    expect(input).toMatchObject({ found: true, messages: [{ sku: 'a' }, { sku: 'b' }] });
  });

  it('stops at a node that reaches outside, naming it, unless something stands in for it', async () => {
    expect(await inputOf(chain(), 'after', evaluate)).toMatchObject({ found: false, at: 'erp', reason: expect.stringMatching(/HTTP request "erp" is not run while designing/) });
    const standIn = (id: string) => (id === 'erp' ? [{ status: 'created' }] : undefined);
    expect(await inputOf(chain(), 'after', evaluate, { standIn })).toMatchObject({ found: true, messages: [{ status: 'created' }] });
    // A node worked out here is never replaced: an edit to it shows at once.
    const pinnedMap = (id: string) => (id === 'shape' ? [{ gross: 1000, cc: 'NL' }] : undefined);
    expect(await inputOf(chain(), 'big', evaluate, { standIn: pinnedMap })).toMatchObject({ found: true, messages: [{ no: 1 }, { no: 2 }] });
  });

  it('says when a filter lets no sample through, and when a mapping fails on the sample', async () => {
    const none = await inputOf(chain({ samples: { in: [orders[1]] } }), 'route', evaluate);
    expect(none).toMatchObject({ found: false, reason: expect.stringMatching(/none left the Filter "big"/) });
    const broken = chain();
    broken.nodes[1] = node('shape', 'transform.map', { expression: 'country + 1' });
    expect(await inputOf(broken, 'big', evaluate)).toMatchObject({ found: false, at: 'shape', reason: expect.stringMatching(/Map "shape" fails on the sample/) });
  });

  it('prefers a node\'s own samples, and names a trigger without one', async () => {
    expect(await inputOf(chain({ samples: { in: orders, big: [{ gross: 1 }] } }), 'big', evaluate)).toMatchObject({ found: true, origin: 'own', messages: [{ gross: 1 }] });
    expect(await inputOf(chain({ samples: {} }), 'big', evaluate)).toMatchObject({ found: false, reason: expect.stringMatching(/Manual trigger has no sample yet/) });
  });
});
