import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { apiCallNote, feedingTriggers, pinKey, pinOutcome, pinPlan, pinnedTest, putTestChange } from '../../../renderer/src/samples/pin-expected.js';

// start → toErp → onlyBig → log, with a second trigger `other` feeding onlyBig, and `call` after log.
function flow(extra: Partial<FlowDocument> = {}): FlowDocument {
  return {
    format: FLOW_FORMAT,
    id: 'orders',
    name: 'Orders',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'toErp', type: 'transform.map', name: 'To ERP', position: [200, 0], config: { expression: 'id' } },
      { id: 'onlyBig', type: 'transform.filter', name: 'Only big', position: [400, 0], config: { condition: 'total > 10' } },
      { id: 'log', type: 'output.log', position: [600, 0], config: {} },
      { id: 'other', type: 'trigger.manual', position: [0, 200], config: {} },
      { id: 'lonely', type: 'output.log', position: [0, 400], config: {} },
    ],
    edges: [{ from: 'start', to: 'toErp' }, { from: 'toErp', to: 'onlyBig' }, { from: 'other', to: 'onlyBig' }, { from: 'onlyBig', to: 'log' }],
    ...extra,
  };
}

const withCall = (doc: FlowDocument): FlowDocument => ({
  ...doc,
  nodes: [...doc.nodes, { id: 'call', type: 'http.request', name: 'ERP', position: [800, 0], config: { url: 'https://erp.example/orders' } }],
  edges: [...doc.edges, { from: 'log', to: 'call' }],
});

function planOf(doc: FlowDocument, nodeId: string) {
  const plan = pinPlan(doc, nodeId);
  if ('reason' in plan) throw new Error(plan.reason);
  return plan;
}

describe('what pinning runs on', () => {
  it('finds every trigger with a path to the node, and a trigger feeds itself', () => {
    const doc = flow();
    expect(feedingTriggers(doc, 'toErp')).toEqual(['start']);
    expect(feedingTriggers(doc, 'log')).toEqual(['start', 'other']);
    expect(feedingTriggers(doc, 'start')).toEqual(['start']);
    expect(feedingTriggers(doc, 'lonely')).toEqual([]);
  });

  it('uses the samples of every feeding trigger that has one, as the test will', () => {
    expect(planOf(flow({ samples: { start: [{ id: 'A' }], other: [{ id: 'B' }] } }), 'onlyBig').inputs).toEqual({ start: [{ id: 'A' }], other: [{ id: 'B' }] });
    expect(planOf(flow({ samples: { other: [{ id: 'B' }] } }), 'log').inputs).toEqual({ other: [{ id: 'B' }] });
    // A trigger that does not reach the node is left out of its test.
    expect(planOf(flow({ samples: { start: [{ id: 'A' }], other: [{ id: 'B' }] } }), 'toErp').inputs).toEqual({ start: [{ id: 'A' }] });
  });

  it('uses the node\'s own sample as the trigger\'s messages when the trigger feeding it straight has none', () => {
    expect(planOf(flow({ samples: { toErp: [{ id: 'C' }] } }), 'toErp').inputs).toEqual({ start: [{ id: 'C' }] });
    // Not for a node further down: its own sample is not what the trigger emits.
    expect(pinPlan(flow({ samples: { log: [{ id: 'C' }] } }), 'log')).toEqual({ reason: 'Give "start" or "other" a sample first.' });
  });

  it('explains why it cannot pin a node no trigger reaches, or one without a sample', () => {
    expect(pinPlan(flow(), 'lonely')).toEqual({ reason: 'Connect this node to a trigger (directly or through other nodes) to pin its output as a test.' });
    expect(pinPlan(flow(), 'toErp')).toEqual({ reason: 'Give "start" (or this node) a sample first.' });
    expect(pinPlan(flow(), 'nope')).toHaveProperty('reason');
  });

  it('keeps the first messages of a long sample and says so', () => {
    const plan = pinPlan(flow({ samples: { start: [1, 2, 3] } }), 'toErp', 2);
    expect(plan).toMatchObject({ inputs: { start: [1, 2] }, truncated: true });
  });

  it('names the HTTP nodes the test run reaches, downstream ones included', () => {
    expect(planOf(withCall(flow({ samples: { start: [{ id: 'A' }] } })), 'toErp').callsApis).toEqual(['call']);
    expect(planOf(withCall(flow({ samples: { start: [{ id: 'A' }] } })), 'call').callsApis).toEqual(['call']);
    expect(planOf(flow({ samples: { start: [{ id: 'A' }] } }), 'toErp').callsApis).toEqual([]);
  });

  it('says under the button which HTTP requests pinning will call for real', () => {
    const doc = withCall(flow());
    expect(apiCallNote(doc, 'call', ['call'])).toBe('Pinning test-runs the flow, so this node calls the real API (and will again each time the test runs).');
    expect(apiCallNote(doc, 'toErp', ['call'])).toMatch(/^Pinning test-runs the flow, so the HTTP request "ERP" calls the real API/);
    expect(apiCallNote(doc, 'toErp', [])).toBeUndefined();
  });
});

describe('whether the test run may be pinned', () => {
  const dead = (nodeId: string) => ({ id: 'd', runId: 'r', flowId: 'orders', nodeId, messageId: 'm', error: { code: 'MAPPING_ERROR', message: 'boom' }, attempts: 1, createdAt: '' });

  it('pins what the node emitted, even when a node after it failed', () => {
    expect(pinOutcome(flow(), 'onlyBig', { status: 'failed', dead: [dead('log')], emitted: [{ id: 'A' }] })).toEqual({ outputs: [{ id: 'A' }] });
    expect(pinOutcome(flow(), 'onlyBig', { status: 'succeeded', dead: [], emitted: [] })).toEqual({ outputs: [] });
  });

  it('refuses when a message failed at the node or before it, and says where and why', () => {
    expect(pinOutcome(flow(), 'onlyBig', { status: 'failed', dead: [dead('toErp')], emitted: [] })).toEqual({ reason: 'Not pinned: a message failed at "To ERP": MAPPING_ERROR boom' });
    expect(pinOutcome(flow(), 'onlyBig', { status: 'failed', dead: [dead('onlyBig')], emitted: [] })).toEqual({ reason: 'Not pinned: a message failed at this node: MAPPING_ERROR boom' });
  });

  it('refuses a run that did not finish', () => {
    expect(pinOutcome(flow(), 'toErp', { status: 'interrupted', dead: [], emitted: [] })).toHaveProperty('reason');
    expect(pinOutcome(flow(), 'toErp', { status: 'running', dead: [], emitted: [], error: { code: 'X', message: 'disk full' } })).toEqual({ reason: 'Not pinned: the test run could not finish (disk full).' });
  });

  it('notices a change to what the output depends on, not a moved or renamed node', () => {
    const doc = flow({ samples: { start: [{ id: 'A' }] } });
    const plan = planOf(doc, 'toErp');
    const moved = { ...doc, nodes: doc.nodes.map((node) => (node.id === 'toErp' ? { ...node, position: [9, 9] as [number, number], name: 'Renamed' } : node)) };
    const edited = { ...doc, nodes: doc.nodes.map((node) => (node.id === 'toErp' ? { ...node, config: { expression: 'total' } } : node)) };
    expect(pinKey(moved, plan)).toBe(pinKey(doc, plan));
    expect(pinKey(edited, plan)).not.toBe(pinKey(doc, plan));
  });
});

describe('the pinned test', () => {
  it('holds the plan\'s input and the node\'s outputs under the node\'s name', () => {
    const doc = flow({ samples: { start: [{ id: 'A' }, { id: 'B' }] } });
    expect(pinnedTest(doc, 'onlyBig', planOf(doc, 'onlyBig'), [{ id: 'A' }])).toEqual({ name: 'Only big output', input: { start: [{ id: 'A' }, { id: 'B' }] }, expect: { onlyBig: [{ id: 'A' }] } });
  });

  it('is added, replaced when pinned again, and undo takes each step back', () => {
    const store = createFlowStore(flow({ samples: { start: [{ id: 'A' }] } }));
    const plan = { inputs: { start: [{ id: 'A' }] } };
    const first = pinnedTest(store.getSnapshot().doc, 'toErp', plan, ['A']);
    store.apply([putTestChange(store.getSnapshot().doc, first)]);
    expect(store.getSnapshot().doc.tests).toEqual([first]);
    const second = pinnedTest(store.getSnapshot().doc, 'toErp', plan, ['A2']);
    store.apply([putTestChange(store.getSnapshot().doc, second)]);
    expect(store.getSnapshot().doc.tests).toEqual([second]);
    store.undo();
    expect(store.getSnapshot().doc.tests).toEqual([first]);
    store.undo();
    expect(store.getSnapshot().doc).not.toHaveProperty('tests');
    store.redo();
    expect(store.getSnapshot().doc.tests).toEqual([first]);
  });
});
