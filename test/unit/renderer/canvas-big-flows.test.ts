import { describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import { contentBounds, FIT_MARGIN, fitPadding, MINIMAP_SIZE, openViewport, START_ZOOM } from '../../../renderer/src/canvas/fit-view.js';
import { sameJson } from '../../../renderer/src/canvas/same-json.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { estimatedGeometry } from '../../../renderer/src/canvas/node-geometry.js';
import { createCanvasEdgeCache, createCanvasNodeCache } from '../../../renderer/src/canvas/to-react-flow.js';
import { EDITABLE_SAMPLE_LIMIT, oversizedSample } from '../../../renderer/src/samples/sample-json.js';
import { samplePaths } from '../../../renderer/src/samples/sample-paths.js';
import { sampleTree } from '../../../renderer/src/samples/sample-tree.js';

function chain(count: number, sample?: unknown): FlowDocument {
  const nodes: FlowNode[] = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
  for (let i = 1; i < count; i += 1) nodes.push({ id: `m${i}`, type: 'transform.map', position: [(i % 25) * 220, Math.floor(i / 25) * 120], config: { expression: `{ "step": ${i} }` } });
  const doc: FlowDocument = { format: 'pipewright/flow@1', id: 'big', name: 'Big', nodes, edges: nodes.slice(1).map((node, i) => ({ from: nodes[i]!.id, to: node.id })) };
  if (sample !== undefined) doc.samples = { in: [sample] };
  return doc;
}

describe('the canvas of a big flow', () => {
  it('re-creates only the edited node and no edge when a mapping is typed', () => {
    const store = createFlowStore(chain(200));
    const nodes = createCanvasNodeCache();
    const edges = createCanvasEdgeCache();
    const view = () => {
      const { doc, selection, problems } = store.getSnapshot();
      return { nodes: nodes(doc, selection, problems), edges: edges(doc, problems) };
    };
    const before = view();
    store.updateConfig('m7', { expression: '{ "step": 70 }' });
    const after = view();
    expect(after.nodes.filter((node, i) => node !== before.nodes[i]).map((node) => node.id)).toEqual(['m7']);
    expect(after.edges.every((edge, i) => edge === before.edges[i])).toBe(true);
  });

  it('gives a re-created node the size React Flow measured, without re-creating nodes when sizes arrive', () => {
    const store = createFlowStore(chain(3));
    const measured = new Map<string, { width: number; height: number }>();
    const nodes = createCanvasNodeCache();
    const { doc, problems } = store.getSnapshot();
    const first = nodes(doc, new Set(), problems, measured);
    measured.set('m1', { width: 200, height: 58 });
    expect(nodes(doc, new Set(), problems, measured)).toEqual(first);
    const selected = nodes(doc, new Set(['m1']), problems, measured);
    expect(selected[1]).toMatchObject({ selected: true, measured: { width: 200, height: 58 } });
    expect(selected[0]).toBe(first[0]);
  });

  it('re-creates an edge when it is selected or gets a problem', () => {
    const store = createFlowStore(chain(3));
    const edges = createCanvasEdgeCache();
    const { doc, problems } = store.getSnapshot();
    const first = edges(doc, problems);
    const selected = edges(doc, problems, new Set([first[1]!.id]));
    expect(selected[0]).toBe(first[0]);
    expect(selected[1]).toMatchObject({ selected: true });
  });
});

describe('unsaved changes of a flow with a big sample', () => {
  const sample = { items: Array.from({ length: 20_000 }, (_, i) => ({ sku: `SKU-${i}`, qty: i })) };

  it('is dirty after an edit and clean again after undo, with the sample compared by identity', () => {
    const store = createFlowStore(chain(3, sample));
    expect(store.getSnapshot().dirty).toBe(false);
    for (let i = 0; i < 5; i += 1) store.updateConfig('m1', { expression: `$count(items) + ${i}` });
    expect(store.getSnapshot().dirty).toBe(true);
    store.undo();
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('is dirty when the sample changes and clean once saved', () => {
    const store = createFlowStore(chain(3, sample));
    store.setSamples('in', [{ items: [] }]);
    expect(store.getSnapshot().dirty).toBe(true);
    store.markSaved();
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('compares JSON values as JSON: key order and undefined keys do not count, values do', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe('sample paths', () => {
  it('walks a sample once for the tree and for completion', () => {
    const sample = { items: [{ sku: 'A', qty: 1 }], name: 'x' };
    expect(samplePaths(sample)).toBe(samplePaths(sample));
    expect(samplePaths(sample).map((path) => path.path)).toEqual(['items', 'items.sku', 'items.qty', 'name']);
    expect(sampleTree(sample).map((node) => [node.path, node.children.map((child) => child.path)])).toEqual([['items', ['items.sku', 'items.qty']], ['name', []]]);
    expect(samplePaths(7)).toEqual([]);
  });
});

describe('zoom to fit beside the minimap', () => {
  const canvas = { width: 900, height: 600 };

  it('keeps a strip on the right free for a flow that is tall rather than wide', () => {
    const padding = fitPadding({ width: 400, height: 2000 }, canvas);
    expect(parseInt(padding.right)).toBeGreaterThanOrEqual(MINIMAP_SIZE.width + 15);
    expect(padding.bottom).toBe(`${FIT_MARGIN}px`);
  });

  it('keeps a strip along the bottom free for a wide flow', () => {
    const padding = fitPadding({ width: 3000, height: 300 }, canvas);
    expect(parseInt(padding.bottom)).toBeGreaterThanOrEqual(MINIMAP_SIZE.height + 15);
    expect(padding.right).toBe(`${FIT_MARGIN}px`);
  });

  it('opens a flow too big to read whole at a readable zoom on its start, and fits a smaller one whole', () => {
    const big = contentBounds(chain(1000).nodes.map((node) => node.position), { width: 200, height: 72 });
    expect(openViewport(big, canvas)).toEqual({ x: FIT_MARGIN, y: FIT_MARGIN, zoom: START_ZOOM });
    const shifted = { ...big, x: -100, y: 50 };
    expect(openViewport(shifted, canvas)).toEqual({ x: FIT_MARGIN + 100 * START_ZOOM, y: FIT_MARGIN - 50 * START_ZOOM, zoom: START_ZOOM });
    expect(openViewport(contentBounds(chain(12).nodes.map((node) => node.position), { width: 200, height: 72 }), canvas)).toBeUndefined();
    expect(openViewport(big, { width: 0, height: 0 })).toBeUndefined();
  });

  it('measures the nodes\' extent from their positions and size', () => {
    expect(contentBounds([[10, 0], [400, 100]], { width: 200, height: 72 })).toEqual({ x: 10, y: 0, width: 590, height: 172 });
    expect(contentBounds([], { width: 200, height: 72 })).toEqual({ x: 0, y: 0, width: 200, height: 72 });
  });
});

describe('node geometry before React Flow measures a node', () => {
  // Measured in Chromium from canvas.css (test/bench designer geometry): size and handle boxes at zoom 1.
  it('matches what React Flow measures for a one-port node, a two-port node and a trigger', () => {
    const map = estimatedGeometry(['out', 'error'], false, 'in');
    expect(map.measured).toEqual({ width: 200, height: 58 });
    expect(map.handles.map((h) => [h.id, h.x, h.y])).toEqual([['in', -1, 24], ['out', 194, 24], ['error', 96.5, 52]]);
    const filter = estimatedGeometry(['out', 'rejected', 'error'], false, 'in');
    expect(filter.measured.height).toBe(76);
    expect(filter.handles.map((h) => [h.id, h.x, Math.round(h.y * 10) / 10])).toEqual([['in', -1, 33], ['out', 194, 20.7], ['rejected', 194, 45.3], ['error', 96.5, 70]]);
    const trigger = estimatedGeometry(['out', 'error'], false, undefined);
    expect(trigger.handles.map((h) => h.id)).toEqual(['out', 'error']);
  });

  it('gives a node that was never measured the estimate, and a measured one its measured size only', () => {
    const store = createFlowStore(chain(2));
    const { doc, problems } = store.getSnapshot();
    const [first, second] = createCanvasNodeCache()(doc, new Set(), problems, new Map([['m1', { width: 200, height: 60 }]]));
    expect(first).toMatchObject({ measured: { width: 200, height: 58 }, handles: [{ id: 'out' }, { id: 'error' }] });
    expect(second?.measured).toEqual({ width: 200, height: 60 });
    expect(second?.handles).toBeUndefined();
  });
});

describe('a sample too big to edit as text', () => {
  it('is recognised by its JSON size, so the editor shows its size instead of a text area', () => {
    expect(oversizedSample({ a: 'x'.repeat(EDITABLE_SAMPLE_LIMIT) })).toBeGreaterThan(EDITABLE_SAMPLE_LIMIT);
    expect(oversizedSample({ a: 1 })).toBeUndefined();
    expect(oversizedSample(undefined)).toBeUndefined();
  });
});
