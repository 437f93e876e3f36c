import { describe, expect, it } from 'vitest';
import { edgeTargets, findCycles, outgoingByPort, terminalNodes, topologicalOrder, triggerNodes } from '../../../../shared/flow/graph.js';
import { sampleFlow } from './sample-flow.js';

function branchingFlow() {
  const flow = sampleFlow();
  flow.nodes.push({ id: 'log', type: 'output.log', position: [0, 200], config: {} });
  flow.edges.push({ from: 'big', port: 'rejected', to: 'log' }, { from: 'erp', port: 'error', to: 'log' });
  return flow;
}

describe('flow graph helpers', () => {
  it('groups outgoing edges by node and port', () => {
    const outgoing = outgoingByPort(branchingFlow().edges);
    expect(outgoing.get('big')).toEqual(new Map([['out', ['erp']], ['rejected', ['log']]]));
    expect(outgoing.get('erp')).toEqual(new Map([['error', ['log']]]));
    expect(outgoing.has('log')).toBe(false);
  });

  it('lists the targets of one port, "out" by default', () => {
    const flow = branchingFlow();
    expect(edgeTargets(flow, 'big')).toEqual(['erp']);
    expect(edgeTargets(flow, 'big', 'rejected')).toEqual(['log']);
    expect(edgeTargets(flow, 'log')).toEqual([]);
  });

  it('orders nodes so that every edge goes forward', () => {
    const flow = branchingFlow();
    flow.nodes.reverse();
    const order = topologicalOrder(flow);
    expect(order).toEqual(['orders', 'toErp', 'big', 'erp', 'log']);
  });

  it('throws CYCLE naming the loop when there is none', () => {
    const flow = sampleFlow();
    flow.edges.push({ from: 'erp', to: 'big' });
    expect(() => topologicalOrder(flow)).toThrow(expect.objectContaining({ code: 'CYCLE', message: expect.stringContaining('"big" → "erp" → "big"') }));
  });

  it('finds terminal and trigger nodes', () => {
    const flow = branchingFlow();
    expect(terminalNodes(flow)).toEqual(['log']);
    expect(triggerNodes(flow).map((node) => node.id)).toEqual(['orders']);
  });

  it('finds one cycle per loop, self-loops included, and ignores edges to unknown nodes', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'd', to: 'd' },
      { from: 'e', to: 'ghost' },
    ];
    expect(findCycles(['a', 'b', 'c', 'd', 'e'], edges)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('handles a long chain without running out of stack', () => {
    const ids = Array.from({ length: 50_000 }, (_, index) => `n${index}`);
    const edges = ids.slice(1).map((id, index) => ({ from: ids[index] as string, to: id }));
    expect(findCycles(ids, edges)).toEqual([]);
    expect(findCycles(ids, [...edges, { from: 'n49999', to: 'n0' }])[0]).toHaveLength(50_000);
  });
});
