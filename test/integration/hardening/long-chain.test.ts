// Hardening catalogue — a flow of 100,000 nodes in a line (issue "Hardening"). Every walk over the graph
// is iterative: validation, planning, the fused execution of pure nodes and the commit of their steps.
// Before, a chain of 3,000 overflowed the stack in the committer and left the run interrupted for good.
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { TempWorkspace } from '../../fixtures/engine/workspace.js';

const LENGTH = 100_000;

function longChain(): FlowDocument {
  const nodes: FlowDocument['nodes'] = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
  const edges: FlowDocument['edges'] = [];
  for (let n = 1; n < LENGTH; n += 1) {
    nodes.push({ id: `m${n}`, type: 'transform.map', position: [n * 10, 0], config: { expression: n % 1000 === 0 ? '$merge([$, { "passed": passed + 1 }])' : '$' } });
    edges.push({ from: n === 1 ? 'in' : `m${n - 1}`, to: `m${n}` });
  }
  // Trace counts only: the point is the walk, not 100,000 stored payloads.
  return { format: 'pipewright/flow@1', id: 'long-chain', name: 'A very long chain', nodes, edges, settings: { trace: 'errors' } };
}

describe('a chain of 100,000 nodes', () => {
  const ws = new TempWorkspace();
  afterAll(() => ws.remove());

  it('validates and runs to the end, every node once', { timeout: 180_000 }, async () => {
    const flow = longChain();
    expect(validateFlow(flow).problems).toEqual([]);
    const engine = await ws.open();
    const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ passed: 0 }, { passed: 10 }] }] }));
    expect(report.status).toBe('succeeded');
    expect(report.outputs[`m${LENGTH - 1}`]).toEqual([{ passed: 99 }, { passed: 109 }]);
    expect(report.counts).toMatchObject({ received: 2, processed: 2 * LENGTH, dead: 0 });
  });
});
