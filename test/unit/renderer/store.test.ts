import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { FlowChange } from '../../../renderer/src/canvas/changes.js';
import { CLIPBOARD_FORMAT } from '../../../renderer/src/canvas/clipboard.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { sampleFlow } from '../shared/flow/sample-flow.js';

const clone = (doc: FlowDocument) => structuredClone(doc);

describe('canvas store: every change kind undoes and redoes', () => {
  const cases: Array<[string, FlowChange[]]> = [
    ['add-node', [{ type: 'add-node', node: { id: 'log', type: 'output.log', position: [1000, 0], config: {} } }]],
    ['add-node at an index', [{ type: 'add-node', node: { id: 'log', type: 'output.log', position: [1000, 0], config: {} }, index: 1 }]],
    ['remove-node (with its edges and samples)', [{ type: 'remove-node', id: 'orders' }]],
    ['remove-node in the middle', [{ type: 'remove-node', id: 'big' }]],
    ['move', [{ type: 'move', id: 'big', position: [10, 20] }]],
    ['connect', [{ type: 'connect', edge: { from: 'big', port: 'rejected', to: 'erp' } }]],
    ['disconnect', [{ type: 'disconnect', edge: { from: 'toErp', to: 'big' } }]],
    ['update-config', [{ type: 'update-config', id: 'toErp', config: { expression: 'id' } }]],
    ['rename', [{ type: 'rename', id: 'big', name: 'Big orders' }]],
    ['rename back to no name', [{ type: 'rename', id: 'big', name: 'Big' }, { type: 'rename', id: 'toErp', name: 'To ERP' }, { type: 'rename', id: 'big', name: undefined }]],
    ['set-samples', [{ type: 'set-samples', id: 'toErp', samples: [{ id: 'B' }] }]],
    ['clear samples', [{ type: 'set-samples', id: 'orders', samples: undefined }]],
  ];

  for (const [name, changes] of cases) {
    it(name, () => {
      const original = sampleFlow();
      const store = createFlowStore(clone(original));
      store.apply(changes);
      const after = store.getSnapshot().doc;
      expect(after).not.toEqual(original);
      expect(store.getSnapshot().dirty).toBe(true);
      expect(store.undo()).toBe(true);
      expect(store.getSnapshot().doc).toEqual(original);
      expect(serializeFlow(store.getSnapshot().doc)).toBe(serializeFlow(original));
      expect(store.getSnapshot().dirty).toBe(false);
      expect(store.redo()).toBe(true);
      expect(store.getSnapshot().doc).toEqual(after);
      expect(store.getSnapshot().canRedo).toBe(false);
    });
  }

  it('applies nothing when one change of a step is invalid', () => {
    const store = createFlowStore(sampleFlow());
    const before = store.getSnapshot();
    expect(() => store.apply([{ type: 'move', id: 'big', position: [1, 1] }, { type: 'remove-node', id: 'nope' }])).toThrow(/no node "nope"/);
    expect(() => store.connect({ from: 'orders', to: 'toErp' })).toThrow(/already exists/);
    expect(() => store.apply([{ type: 'add-node', node: { id: 'big', type: 'output.log', position: [0, 0], config: {} } }])).toThrow(/already exists/);
    expect(store.getSnapshot()).toBe(before);
  });

  it('stores the default port without a port key and finds edges by port', () => {
    const store = createFlowStore(sampleFlow());
    store.connect({ from: 'orders', port: 'out', to: 'big' });
    expect(store.getSnapshot().doc.edges.at(-1)).toEqual({ from: 'orders', to: 'big' });
    store.disconnect({ from: 'orders', to: 'big' });
    expect(store.getSnapshot().doc.edges).toEqual(sampleFlow().edges);
  });

  it('clears the redo stack on a new edit and undoes several steps in order', () => {
    const store = createFlowStore(sampleFlow());
    store.rename('big', 'One');
    store.seal();
    store.moveNodes([{ id: 'big', position: [5, 5] }]);
    store.undo();
    store.addNode('output.log', [0, 100]);
    expect(store.getSnapshot().canRedo).toBe(false);
    store.undo();
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
    expect(store.undo()).toBe(false);
  });
});

describe('canvas store: drags and typing', () => {
  it('makes one undo step of a whole drag and keeps history small', () => {
    const store = createFlowStore(sampleFlow());
    for (let x = 0; x <= 300; x += 3) store.moveNodes([{ id: 'big', position: [520 + x, x] }, { id: 'erp', position: [780 + x, x] }], { dragging: true });
    store.moveNodes([{ id: 'big', position: [900, 300] }, { id: 'erp', position: [1100, 300] }]);
    expect(store.getSnapshot().nodesById.get('big')?.position).toEqual([900, 300]);
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
    store.redo();
    expect(store.getSnapshot().nodesById.get('erp')?.position).toEqual([1100, 300]);
  });

  it('starts a new undo step for the next drag, and for a drag of other nodes', () => {
    const store = createFlowStore(sampleFlow());
    store.moveNodes([{ id: 'big', position: [1, 1] }], { dragging: true });
    store.moveNodes([{ id: 'big', position: [2, 2] }]);
    store.moveNodes([{ id: 'big', position: [3, 3] }], { dragging: true });
    store.moveNodes([{ id: 'erp', position: [4, 4] }], { dragging: true });
    store.undo();
    expect(store.getSnapshot().nodesById.get('big')?.position).toEqual([3, 3]);
    store.undo();
    expect(store.getSnapshot().nodesById.get('big')?.position).toEqual([2, 2]);
    store.undo();
    expect(store.getSnapshot().nodesById.get('big')?.position).toEqual([520, 0]);
  });

  it('coalesces config edits of one node until sealed', () => {
    const store = createFlowStore(sampleFlow());
    for (const expression of ['i', 'id', 'id & "x"']) store.updateConfig('toErp', { expression });
    store.seal();
    store.updateConfig('toErp', { expression: 'id' });
    store.undo();
    expect(store.getSnapshot().nodesById.get('toErp')?.config).toEqual({ expression: 'id & "x"' });
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
  });

  it('does not re-validate on moves but does on other edits', () => {
    const store = createFlowStore(sampleFlow());
    const problems = store.getSnapshot().problems;
    store.moveNodes([{ id: 'big', position: [1, 1] }]);
    expect(store.getSnapshot().problems).toBe(problems);
    store.rename('big', 'x');
    expect(store.getSnapshot().problems).not.toBe(problems);
  });
});

describe('canvas store: adding, deleting, copy and paste', () => {
  it('adds a node with its kind\'s default config, a readable unique id, and selects it', () => {
    const store = createFlowStore(sampleFlow());
    const first = store.addNode('transform.map', [0, 200]);
    const second = store.addNode('transform.map', [0, 300]);
    const http = store.addNode('http.request', [0, 400]);
    expect([first, second, http]).toEqual(['map', 'map-2', 'httpRequest']);
    expect(store.getSnapshot().nodesById.get('map')).toEqual({ id: 'map', type: 'transform.map', position: [0, 200], config: { expression: '$' } });
    expect([...store.getSnapshot().selection]).toEqual(['httpRequest']);
  });

  it('deletes the selection with every edge touching it as one undo step', () => {
    const store = createFlowStore(sampleFlow());
    store.select(['toErp', 'big']);
    store.deleteSelection();
    const { doc, selection } = store.getSnapshot();
    expect(doc.nodes.map((n) => n.id)).toEqual(['orders', 'erp']);
    expect(doc.edges).toEqual([]);
    expect(selection.size).toBe(0);
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
  });

  it('removes single edges and nodes together without removing an edge twice', () => {
    const store = createFlowStore(sampleFlow());
    store.remove(['erp'], [{ from: 'orders', to: 'toErp' }, { from: 'big', to: 'erp' }]);
    expect(store.getSnapshot().doc.edges).toEqual([{ from: 'toErp', to: 'big' }]);
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
  });

  it('copies the selection with only its internal edges, as plain JSON', () => {
    const store = createFlowStore(sampleFlow());
    store.select(['orders', 'toErp']);
    const clip = store.copy();
    expect(clip.format).toBe(CLIPBOARD_FORMAT);
    expect(clip.nodes.map((n) => n.id)).toEqual(['orders', 'toErp']);
    expect(clip.edges).toEqual([{ from: 'orders', to: 'toErp' }]);
    expect(clip.samples).toEqual({ orders: sampleFlow().samples?.orders });
    expect(JSON.parse(JSON.stringify(clip))).toEqual(clip);
  });

  it('pastes with new unique ids, rewired internal edges and offset positions, then selects the copies', () => {
    const store = createFlowStore(sampleFlow());
    const clip = store.copy(['toErp', 'big']);
    const ids = store.paste(clip);
    expect(ids).toEqual(['toErp-2', 'big-2']);
    const { doc, nodesById, selection } = store.getSnapshot();
    expect(nodesById.get('toErp-2')?.position).toEqual([300, 40]);
    expect(nodesById.get('toErp-2')?.config).toEqual(nodesById.get('toErp')?.config);
    expect(doc.edges.at(-1)).toEqual({ from: 'toErp-2', to: 'big-2' });
    expect([...selection]).toEqual(ids);
    expect(store.getSnapshot().problems.total).toBe(0);

    expect(store.paste(clip)).toEqual(['toErp-3', 'big-3']);
    expect(store.getSnapshot().nodesById.get('toErp-3')?.position).toEqual([340, 80]);
    store.undo();
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
  });

  it('pastes samples under the new ids and does not share objects with the original', () => {
    const store = createFlowStore(sampleFlow());
    store.paste(store.copy(['orders']));
    const { doc } = store.getSnapshot();
    expect(doc.samples?.['orders-2']).toEqual(doc.samples?.orders);
    expect(doc.samples?.['orders-2']).not.toBe(doc.samples?.orders);
    expect(doc.nodes.find((n) => n.id === 'orders-2')?.config).not.toBe(doc.nodes[0]?.config);
  });
});

describe('canvas store: dirty tracking, validation and subscriptions', () => {
  it('is dirty after an edit, clean after undo back to the saved text, and clean after markSaved', () => {
    const store = createFlowStore(sampleFlow());
    expect(store.getSnapshot().dirty).toBe(false);
    store.rename('big', 'Big orders');
    expect(store.getSnapshot().dirty).toBe(true);
    store.markSaved();
    expect(store.getSnapshot().dirty).toBe(false);
    store.undo();
    expect(store.getSnapshot().dirty).toBe(true);
    store.load(sampleFlow());
    expect(store.getSnapshot()).toMatchObject({ dirty: false, canUndo: false, canRedo: false });
  });

  it('keeps an edit made while a save was on its way unsaved', () => {
    const store = createFlowStore(sampleFlow());
    store.rename('big', 'Big orders');
    const sent = store.getSnapshot().doc;
    store.rename('big', 'Bigger orders');
    store.markSaved(sent);
    expect(store.getSnapshot().dirty).toBe(true);
    store.markSaved();
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('reports validation problems on the nodes and edges they belong to', () => {
    const store = createFlowStore(sampleFlow());
    expect(store.getSnapshot().problems.total).toBe(0);
    store.updateConfig('toErp', { expression: '$sum(' });
    store.connect({ from: 'big', port: 'nope', to: 'erp' });
    store.addNode('output.log', [0, 0], { id: 'orders-x' });
    store.connect({ from: 'orders-x', to: 'orders' });
    const { problems } = store.getSnapshot();
    expect(store.problemsOf('toErp').map((p) => p.path)).toEqual(['nodes[1].config.expression']);
    expect(store.problemsOf('toErp')[0]?.range).toBeDefined();
    expect(problems.byEdge.get('big:nope->erp')?.[0]?.code).toBe('UNKNOWN_PORT');
    expect(problems.byEdge.get('orders-x:out->orders')?.[0]?.code).toBe('TRIGGER_HAS_INPUT');
    expect(store.problemsOf('big')).toEqual([]);
    store.undo();
    store.undo();
    store.undo();
    store.undo();
    expect(store.getSnapshot().problems.total).toBe(0);
  });

  it('puts problems without a node or edge on the flow', () => {
    const doc = sampleFlow();
    doc.tests = [{ name: 't', input: { ghost: [1] }, expect: {} }];
    const store = createFlowStore(doc);
    expect(store.getSnapshot().problems.flow.map((p) => p.code)).toEqual(['UNKNOWN_TEST_NODE']);
  });

  it('notifies subscribers once per edit and keeps the snapshot stable between edits', () => {
    const store = createFlowStore(sampleFlow());
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    store.rename('big', 'B');
    store.select(['big']);
    expect(calls).toBe(2);
    expect(store.getSnapshot()).not.toBe(first);
    expect(store.getSnapshot().version).toBe(first.version + 1);
    unsubscribe();
    store.undo();
    expect(calls).toBe(2);
  });

  it('drops deleted nodes from the selection, also on undo of an add', () => {
    const store = createFlowStore(sampleFlow());
    store.addNode('output.log', [0, 0]);
    expect(store.getSnapshot().selection.size).toBe(1);
    store.undo();
    expect(store.getSnapshot().selection.size).toBe(0);
  });
});
