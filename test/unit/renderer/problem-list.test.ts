import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { listProblems } from '../../../renderer/src/canvas/problem-list.js';
import { createFlowStore, type RevealTarget } from '../../../renderer/src/canvas/store.js';
import { missingNodeMarkers, toCanvasEdges } from '../../../renderer/src/canvas/to-react-flow.js';

const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'broken',
  name: 'Broken',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [260, 0], config: { expression: '{ "a": ' } },
  ],
  edges: [
    { from: 'start', to: 'shape' },
    { from: 'shape', to: 'ghost' },
  ],
};

describe('the problems list', () => {
  it('says where each problem is: the node and field, the edge and end', () => {
    const store = createFlowStore(structuredClone(FLOW));
    const { doc, problems } = store.getSnapshot();
    const listed = listProblems(doc, problems);
    expect(listed.length).toBe(problems.total);
    const node = listed.find((item) => item.target.kind === 'node');
    expect(node).toMatchObject({ target: { kind: 'node', id: 'shape' }, where: 'node shape', field: 'config.expression' });
    const edge = listed.find((item) => item.target.kind === 'edge');
    expect(edge).toMatchObject({ target: { kind: 'edge', key: expect.any(String) }, where: 'edge shape → ghost', field: 'to' });
    expect(edge?.problem.message).toContain('"ghost"');
  });

  it('reveals a node by selecting it and tells the canvas, and an edge without selecting a node', () => {
    const store = createFlowStore(structuredClone(FLOW));
    const heard: RevealTarget[] = [];
    store.onReveal((target) => heard.push(target));
    store.reveal({ kind: 'node', id: 'shape' });
    expect([...store.getSnapshot().selection]).toEqual(['shape']);
    store.reveal({ kind: 'edge', key: 'k' });
    expect(store.getSnapshot().selection.size).toBe(0);
    expect(heard).toEqual([{ kind: 'node', id: 'shape' }, { kind: 'edge', key: 'k' }]);
  });
});

describe('edges to missing nodes', () => {
  it('get a marker beside the node at their other end, and are drawn to it', () => {
    const store = createFlowStore(structuredClone(FLOW));
    const { doc, problems } = store.getSnapshot();
    const markers = missingNodeMarkers(doc);
    expect(markers.map((marker) => [marker.id, marker.ariaLabel, marker.position])).toEqual([['missing-node:ghost', 'missing node ghost', { x: 540, y: 0 }]]);
    expect(markers[0]).toMatchObject({ selectable: false, deletable: false, draggable: false });
    const edge = toCanvasEdges(doc, problems).find((candidate) => candidate.data?.edge.to === 'ghost');
    expect(edge).toMatchObject({ source: 'shape', target: 'missing-node:ghost', className: expect.stringContaining('edge-dangling') });
  });

  it('a flow whose edges all join its nodes has no markers', () => {
    const doc = { ...structuredClone(FLOW), edges: [{ from: 'start', to: 'shape' }] };
    expect(missingNodeMarkers(doc)).toEqual([]);
    expect(toCanvasEdges(doc, createFlowStore(doc).getSnapshot().problems)[0]).toMatchObject({ source: 'start', target: 'shape' });
  });
});
