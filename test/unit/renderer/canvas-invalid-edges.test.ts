// Edges the flow should not have are still drawn: an edge into a trigger gets an input handle on that
// trigger (in the error colour, not connectable), so React Flow has a handle to draw it to.
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createCanvasNodeCache, toCanvasNodes } from '../../../renderer/src/canvas/to-react-flow.js';
import { NO_PROBLEMS } from '../../../renderer/src/canvas/problems.js';

const doc: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'loop',
  name: 'Loop',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [300, 0], config: { expression: '$' } },
  ],
  edges: [
    { from: 'start', to: 'shape' },
    { from: 'shape', to: 'start' },
  ],
};

describe('an edge into a trigger', () => {
  it('gives that trigger an input handle marked invalid, and only that trigger', () => {
    const [start, shape] = toCanvasNodes(doc, new Set(), NO_PROBLEMS);
    expect(start?.data).toMatchObject({ isTrigger: true, invalidInput: true });
    expect(start?.handles?.some((handle) => handle.type === 'target' && handle.id === 'in')).toBe(true);
    expect(shape?.data.invalidInput).toBe(false);
    const [alone] = toCanvasNodes({ ...doc, edges: [doc.edges[0]!] }, new Set(), NO_PROBLEMS);
    expect(alone?.data.invalidInput).toBe(false);
    expect(alone?.handles?.some((handle) => handle.type === 'target')).toBe(false);
  });

  it('re-creates the trigger when the edge into it is added or deleted', () => {
    const nodesOf = createCanvasNodeCache();
    const valid = { ...doc, edges: [doc.edges[0]!] };
    const before = nodesOf(valid, new Set(), NO_PROBLEMS)[0];
    const withEdge = nodesOf(doc, new Set(), NO_PROBLEMS)[0];
    expect(withEdge).not.toBe(before);
    expect(withEdge?.data.invalidInput).toBe(true);
    expect(nodesOf(valid, new Set(), NO_PROBLEMS)[0]?.data.invalidInput).toBe(false);
  });
});
