import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { soleUpstream } from '../../../renderer/src/run/upstream.js';

const flow = (edges: FlowDocument['edges']): FlowDocument => ({
  format: 'pipewright/flow@1',
  id: 'f',
  name: 'f',
  nodes: ['a', 'b', 'c'].map((id) => ({ id, type: 'transform.map', position: [0, 0] as [number, number], config: { expression: '$' } })),
  edges,
});

describe('upstream output for the mapping editor', () => {
  it('names the one node feeding a node', () => {
    expect(soleUpstream(flow([{ from: 'a', to: 'b' }]), 'b')).toBe('a');
  });

  it('offers nothing when a node has no input or more than one', () => {
    expect(soleUpstream(flow([{ from: 'a', to: 'b' }]), 'a')).toBeUndefined();
    expect(soleUpstream(flow([{ from: 'a', to: 'c' }, { from: 'b', to: 'c' }]), 'c')).toBeUndefined();
  });
});
