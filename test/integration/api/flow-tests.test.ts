// flows.test through the service on a real workspace and engine: a flow's tests run as test runs and
// come back per test — passed, or failed with the node, what it should have emitted, what it did and
// the diff `pipewright test` prints — for the saved file and for the designer's unsaved document.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { ApiWorkspace, chainFlow } from './api-workspace.js';

const ws = new ApiWorkspace();
afterAll(async () => {
  await ws.remove();
});

const totals: FlowDocument = {
  ...chainFlow('totals', [
    ['orders', 'trigger.manual'],
    ['total', 'transform.map', { expression: '{ "orderNo": id, "total": $sum(lines.(qty*price)) }' }],
  ], []),
  tests: [
    { name: 'sums the lines', input: { orders: [{ id: 'A-1', lines: [{ qty: 2, price: 60 }] }] }, expect: { total: [{ orderNo: 'A-1', total: 120 }] } },
    { name: 'expects the wrong total', input: { orders: [{ id: 'A-2', lines: [{ qty: 1, price: 5 }] }] }, expect: { total: [{ orderNo: 'A-2', total: 6 }] } },
  ],
};

describe('flows.test', () => {
  it('runs a saved flow\'s tests and answers pass or fail per test, with the diff of the failure', async () => {
    writeFileSync(ws.flowPath('totals'), serializeFlow(totals));
    const report = await ws.service['flows.test']({ flowId: 'totals' });
    expect(report).toMatchObject({ flowId: 'totals', passed: 1, failed: 1 });
    const [pass, fail] = report.results;
    expect(pass).toMatchObject({ name: 'sums the lines', passed: true, failures: [], runId: expect.any(String) });
    expect(fail).toMatchObject({
      name: 'expects the wrong total',
      passed: false,
      failures: [{ nodeId: 'total', expected: [{ orderNo: 'A-2', total: 6 }], actual: [{ orderNo: 'A-2', total: 5 }], diff: ['total[0].total: expected 6, got 5'] }],
      deadLetters: [],
    });
    // Each test is a run of kind `test`, kept to inspect.
    const runs = await ws.service['runs.list']({ flowId: 'totals' });
    expect(runs.filter((run) => run.kind === 'test').map((run) => run.runId)).toEqual(expect.arrayContaining([pass?.runId, fail?.runId]));
  });

  it('tests the unsaved document as the designer holds it, through the contract', async () => {
    const fixed = { ...totals, tests: totals.tests?.map((test) => test.name === 'expects the wrong total' ? { ...test, expect: { total: [{ orderNo: 'A-2', total: 5 }] } } : test) };
    const report = await dispatch(ws.service, 'flows.test', { document: fixed });
    expect(report).toMatchObject({ flowId: 'totals', passed: 2, failed: 0 });
  });

  it('names the dead letters when a node failed instead of emitting', async () => {
    const failing: FlowDocument = { ...totals, id: 'failing', nodes: totals.nodes.map((node) => node.id === 'total' ? { ...node, config: { expression: '$error("no total")' } } : node) };
    const report = await ws.service['flows.test']({ document: failing });
    expect(report.failed).toBe(2);
    expect(report.results[0]?.failures[0]?.diff).toEqual(['total: expected 1 item, got 0', 'total[0]: expected {"orderNo":"A-1","total":120}, got nothing']);
    expect(report.results[0]?.deadLetters[0]).toMatchObject({ nodeId: 'total', error: { message: expect.stringContaining('no total') } });
  });

  it('refuses a broken flow with FLOW_INVALID and every problem', async () => {
    const broken = { ...totals, edges: [{ from: 'orders', to: 'nowhere' }] };
    await expect(ws.service['flows.test']({ document: broken })).rejects.toMatchObject({ code: 'FLOW_INVALID', message: expect.stringMatching(/^the flow has a problem .*; fix it and run its tests again$/), problems: [expect.objectContaining({ path: 'edges[0].to' })] });
    await expect(dispatch(ws.service, 'flows.test', {})).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
