import { describe, expect, it } from 'vitest';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { layoutFlow } from '../../../renderer/src/canvas/layout.js';
import { createCanvasNodeCache, nodeLabel, outputPorts, toCanvasEdges } from '../../../renderer/src/canvas/to-react-flow.js';
import { filterKinds } from '../../../renderer/src/palette/filter-kinds.js';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import { sampleFlow } from '../shared/flow/sample-flow.js';

describe('auto layout', () => {
  it('places nodes left to right in flow order without overlaps, as one undo step', async () => {
    const store = createFlowStore(sampleFlow());
    const positions = await layoutFlow(store.getSnapshot().doc);
    const xs = ['orders', 'toErp', 'big', 'erp'].map((id) => positions.get(id)?.[0] ?? NaN);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    store.moveNodes([...positions].map(([id, position]) => ({ id, position })));
    store.undo();
    expect(store.getSnapshot().doc).toEqual(sampleFlow());
  });
});

describe('canvas view of the document', () => {
  it('labels nodes by name, else id', () => {
    expect(nodeLabel({ id: 'a', type: 'x', position: [0, 0], config: {} })).toBe('a');
    expect(nodeLabel({ id: 'a', name: 'Orders', type: 'x', position: [0, 0], config: {} })).toBe('Orders');
  });

  it('gives each node its kind\'s ports plus error, and keeps ports that edges use', () => {
    const doc = sampleFlow();
    expect(outputPorts(doc.nodes[2]!, doc.edges)).toEqual(['out', 'rejected', 'error']);
    const sw = { id: 's', type: 'transform.switch', position: [0, 0] as [number, number], config: { rules: [{ port: 'eu', condition: 'x' }] } };
    expect(outputPorts(sw, [{ from: 's', port: 'gone', to: 'b' }])).toEqual(['eu', 'default', 'gone', 'error']);
    expect(outputPorts({ ...sw, config: { rules: 'broken' } }, [])).toEqual(['match', 'default', 'error']);
  });

  it('reuses unchanged nodes between snapshots so only moved nodes re-render', () => {
    const store = createFlowStore(sampleFlow());
    const view = createCanvasNodeCache();
    const first = view(store.getSnapshot().doc, store.getSnapshot().selection, store.getSnapshot().problems);
    store.moveNodes([{ id: 'big', position: [1, 2] }]);
    const second = view(store.getSnapshot().doc, store.getSnapshot().selection, store.getSnapshot().problems);
    expect(second.filter((node, i) => node !== first[i]).map((node) => node.id)).toEqual(['big']);
    expect(second[2]).toMatchObject({ id: 'big', position: { x: 1, y: 2 }, ariaLabel: 'big', data: { title: 'Filter' } });
  });

  it('labels edges with their port when it is not out, and flags edges with problems', () => {
    const store = createFlowStore(sampleFlow());
    store.connect({ from: 'big', port: 'rejected', to: 'erp' });
    store.connect({ from: 'big', port: 'nope', to: 'toErp' });
    const edges = toCanvasEdges(store.getSnapshot().doc, store.getSnapshot().problems);
    expect(edges[0]).toMatchObject({ id: 'orders:out->toErp', sourceHandle: 'out', targetHandle: 'in' });
    expect(edges[0]?.label).toBeUndefined();
    expect(edges[3]).toMatchObject({ label: 'rejected', sourceHandle: 'rejected' });
    expect(edges[4]?.className).toContain('edge-has-problem');
  });
});

describe('palette search', () => {
  it('finds kinds by title, type or description words', () => {
    const titles = (query: string) => filterKinds(nodeCatalog.values(), query).map((kind) => kind.title);
    expect(titles('')).toHaveLength(nodeCatalog.size);
    expect(titles('map')).toContain('Map');
    expect(titles('http')).toContain('HTTP request');
    expect(titles('zzz')).toEqual([]);
  });
});
