import { describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { insertAt } from '../../../renderer/src/samples/insert-text.js';
import { parseSampleJson } from '../../../renderer/src/samples/sample-json.js';
import { sampleTree } from '../../../renderer/src/samples/sample-tree.js';
import { setSampleFromUpstream } from '../../../renderer/src/samples/upstream-sample.js';

function flow(extra: Partial<FlowDocument> = {}): FlowDocument {
  return {
    format: FLOW_FORMAT,
    id: 'orders',
    name: 'Orders',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'toErp', type: 'transform.map', name: 'To ERP', position: [200, 0], config: { expression: 'id' } },
      { id: 'log', type: 'output.log', position: [400, 0], config: {} },
    ],
    edges: [{ from: 'start', to: 'toErp' }, { from: 'toErp', to: 'log' }],
    ...extra,
  };
}

describe('sample JSON typed by hand', () => {
  it('parses valid JSON', () => {
    expect(parseSampleJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('says on which line and column broken JSON breaks', () => {
    const parsed = parseSampleJson('{\n  "a": 1,\n  "b": }');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(3);
    expect(parsed.column).toBe(8);
    expect(parsed.message).toMatch(/^Line 3, column 8: /);
  });

  it('treats an empty text as no sample', () => {
    expect(parseSampleJson('  \n')).toEqual({ ok: true, value: undefined, empty: true });
  });
});

describe('sample input tree', () => {
  it('nests fields under their parents with the path a click inserts', () => {
    const tree = sampleTree({ id: 7, customer: { 'first name': 'Ada' }, lines: [{ qty: 1 }, { qty: 2, sku: 'x' }] });
    expect(tree.map((node) => node.path)).toEqual(['id', 'customer', 'lines']);
    expect(tree[1]?.children.map((node) => [node.name, node.path])).toEqual([['`first name`', 'customer.`first name`']]);
    expect(tree[2]?.children.map((node) => node.path)).toEqual(['lines.qty', 'lines.sku']);
  });

  it('inserts a path at the cursor, replacing the selection', () => {
    expect(insertAt('$sum()', 5, 5, 'lines.qty')).toEqual({ value: '$sum(lines.qty)', cursor: 14 });
    expect(insertAt('a + b', 4, 5, 'id')).toEqual({ value: 'a + id', cursor: 6 });
    expect(insertAt('', 3, 9, 'id')).toEqual({ value: 'id', cursor: 2 });
  });
});

describe('sample from the upstream node\'s last run', () => {
  it('sets the payloads as the node\'s samples in one undoable step', () => {
    const store = createFlowStore(flow());
    setSampleFromUpstream(store, 'log', [{ a: 1 }, { a: 2 }]);
    expect(store.getSnapshot().doc.samples).toEqual({ log: [{ a: 1 }, { a: 2 }] });
    store.undo();
    expect(store.getSnapshot().doc.samples).toBeUndefined();
  });
});
