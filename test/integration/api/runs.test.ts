// Test runs through the service: started in the background on the flow's samples, followed through
// events, then inspected node by node — what the designer's Run button does.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import { methodNames } from '../../../shared/api/contract.js';
import type { ApiEvent } from '../../../shared/api/events.js';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();
afterAll(async () => {
  await ws.remove();
});

const orders = chainFlow('orders', [
  ['orders', 'trigger.manual'],
  ['toErp', 'transform.map', { expression: '{ "orderNo": id, "total": $sum(lines.(qty*price)) }' }],
  ['big', 'transform.filter', { condition: 'total >= 100' }],
  ['log', 'output.log', {}],
], [
  { id: 'A-1', lines: [{ qty: 2, price: 60 }] },
  { id: 'A-2', lines: [{ qty: 1, price: 5 }] },
]);

/** The service's own lifecycle (main/api/service.ts `Service`), which the host calls and no client may. */
const LIFECYCLE = ['close', 'startLiveFlows'];

describe('the service', () => {
  it('implements every method of the contract and nothing more', () => {
    expect(Object.keys(ws.service).filter((key) => !LIFECYCLE.includes(key)).sort()).toEqual([...methodNames]);
  });

  it('keeps its lifecycle out of reach of callers', async () => {
    for (const method of LIFECYCLE) await expect(dispatch(ws.service, method, {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('describes the workspace and the node catalog', async () => {
    const info = await ws.service['workspace.info']({});
    expect(info).toMatchObject({ path: ws.dir, flowsFolder: `${ws.dir}/flows`, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const { kinds } = await ws.service['catalog.list']({});
    const map = kinds.find((kind) => kind.type === 'transform.map');
    expect(map).toMatchObject({ title: 'Map', category: 'transform', isTrigger: false, ports: ['out'], defaultConfig: { expression: '$' } });
    expect(map?.configSchema).toMatchObject({ type: 'object', required: ['expression'] });
    expect(kinds.find((kind) => kind.type === 'trigger.manual')?.isTrigger).toBe(true);
  });
});

describe('runs', () => {
  it('runs an unsaved flow on its samples and reports progress, node status and the end as events', async () => {
    const started = await ws.service['runs.start']({ document: orders });
    expect(started).toMatchObject({ flowId: 'orders', kind: 'test', runId: expect.any(String) });
    const end = await ws.waitForEvent(finished(started.runId));
    expect(end).toMatchObject({ status: 'succeeded', counts: { received: 2, pending: 0, dead: 0 } });

    const ofRun = ws.events.filter((event) => 'runId' in event && event.runId === started.runId);
    expect(ofRun[0]).toMatchObject({ type: 'run.started', flowId: 'orders', kind: 'test' });
    expect(ofRun.some((event) => event.type === 'run.progress')).toBe(true);
    expect(ofRun.at(-1)?.type).toBe('run.finished');
    const lastStatus = new Map<string, Extract<ApiEvent, { type: 'node.status' }>>();
    for (const event of ofRun) if (event.type === 'node.status') lastStatus.set(event.nodeId, event);
    expect(lastStatus.get('toErp')).toMatchObject({ status: 'ok', counts: { steps: 2, emitted: 2, errors: 0, byPort: { out: 2 } } });
    expect(lastStatus.get('big')).toMatchObject({ status: 'ok', counts: { steps: 2, byPort: { out: 1, rejected: 1 } } });
    expect(ofRun.some((event) => event.type === 'log' && event.nodeId === 'log')).toBe(true);
  });

  it('shows a node\'s input and output for a run, and the run\'s report and log', async () => {
    const { runId } = await ws.service['runs.start']({ document: orders });
    await ws.waitForEvent(finished(runId));

    const report = await ws.service['runs.get']({ runId });
    expect(report.outputs.log).toEqual([{ orderNo: 'A-1', total: 120 }]);

    const steps = await ws.service['runs.steps']({ runId, nodeId: 'toErp' });
    expect(steps.nodes.map((node) => [node.nodeId, node.status])).toEqual([['orders', 'ok'], ['toErp', 'ok'], ['big', 'ok'], ['log', 'ok']]);
    expect(steps.steps?.map((step) => step.input)).toEqual(orders.samples?.orders);
    expect(steps.steps?.[0]?.outputs).toEqual([{ port: 'out', payload: { orderNo: 'A-1', total: 120 } }]);
    expect(steps.emitted).toEqual([{ orderNo: 'A-1', total: 120 }, { orderNo: 'A-2', total: 5 }]);

    const logs = await ws.service['runs.logs']({ runId });
    expect(logs.some((line) => line.nodeId === 'log')).toBe(true);
    expect((await ws.service['runs.list']({ flowId: 'orders' })).map((run) => run.runId)).toContain(runId);
  });

  it('runs a saved flow with the inputs given instead of its samples', async () => {
    await ws.service['flows.save']({ document: orders });
    const { runId } = await ws.service['runs.start']({ flowId: 'orders', inputs: { orders: [{ id: 'B-1', lines: [{ qty: 10, price: 10 }] }] } });
    await ws.waitForEvent(finished(runId));
    expect((await ws.service['runs.get']({ runId })).outputs.log).toEqual([{ orderNo: 'B-1', total: 100 }]);
  });

  it('pages a run\'s log: every line with its seq, only the lines after a seq, the first or the last few', async () => {
    const chatty = chainFlow('chatty', [['in', 'trigger.manual'], ['say', 'output.log', {}]], Array.from({ length: 7 }, (_, n) => ({ n })));
    const { runId } = await ws.service['runs.start']({ document: chatty });
    await ws.waitForEvent(finished(runId));
    const all = await ws.service['runs.logs']({ runId });
    const said = all.filter((line) => line.nodeId === 'say');
    expect(said).toHaveLength(7);
    expect(all.every((line, index) => index === 0 || line.seq > all[index - 1]!.seq)).toBe(true);

    const first = await ws.service['runs.logs']({ runId, limit: 3 });
    expect(first).toEqual(all.slice(0, 3));
    const next = await ws.service['runs.logs']({ runId, after: first.at(-1)!.seq, limit: 3 });
    expect(next).toEqual(all.slice(3, 6));
    expect(await ws.service['runs.logs']({ runId, after: all.at(-1)!.seq })).toEqual([]);
    // The tail of the log, still oldest first, then nothing newer after it.
    expect(await ws.service['runs.logs']({ runId, limit: 2, latest: true })).toEqual(all.slice(-2));
    expect(await ws.service['runs.logs']({ runId, limit: 2, latest: true, after: all.at(-2)!.seq })).toEqual(all.slice(-1));
    // Reading back from the first line shown.
    expect(await ws.service['runs.logs']({ runId, before: all.at(-2)!.seq, limit: 2, latest: true })).toEqual(all.slice(-4, -2));
    expect(await ws.service['runs.logs']({ runId, before: all[0]!.seq })).toEqual([]);

    await expect(ws.service['runs.logs']({ runId: 'no-such-run' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(dispatch(ws.service, 'runs.logs', { runId, limit: 0 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(dispatch(ws.service, 'runs.logs', { runId, after: 'x' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('refuses to run a flow with problems, or with nothing to run', async () => {
    const broken = { ...orders, nodes: orders.nodes.map((node) => (node.id === 'big' ? { ...node, config: { condition: 'total >=' } } : node)) };
    await expect(ws.service['runs.start']({ document: broken })).rejects.toMatchObject({ code: 'FLOW_INVALID', problems: [expect.objectContaining({ path: 'nodes[2].config.condition' })] });
    await expect(ws.service['runs.start']({ document: { ...orders, samples: {} } })).rejects.toMatchObject({ code: 'NO_INPUT' });
    await expect(ws.service['runs.start']({ flowId: 'nope' })).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
    await expect(ws.service['runs.get']({ runId: 'no-such-run' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });

  it('marks the node where a message failed', async () => {
    const failing = chainFlow('failing', [['in', 'trigger.manual'], ['check', 'transform.map', { expression: 'ok ? $ : $error("order " & id & " is not ok")' }]], [{ id: 1, ok: true }, { id: 2, ok: false }]);
    const { runId } = await ws.service['runs.start']({ document: failing });
    const end = await ws.waitForEvent(finished(runId));
    expect(end).toMatchObject({ status: 'failed', counts: { dead: 1 } });
    const { nodes } = await ws.service['runs.steps']({ runId });
    expect(nodes.find((node) => node.nodeId === 'check')).toMatchObject({ status: 'error', counts: { steps: 2, errors: 1 }, lastError: { message: expect.stringContaining('order 2 is not ok') } });
  });
});
