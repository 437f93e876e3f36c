// Pinning against the real service (engine on SQLite in a temporary workspace), through the in-memory
// client: the outputs pinned are the engine's emissions for the node, wherever it sits in the flow.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createMemoryClient, type MemoryClient } from '../../../renderer/src/api/memory-client.js';
import { runTestToEnd } from '../../../renderer/src/run/run-to-end.js';
import { pinOutcome, pinPlan } from '../../../renderer/src/samples/pin-expected.js';

// start → total (Map) → big (Filter) → route (Switch)
const doc: FlowDocument = {
  format: FLOW_FORMAT,
  id: 'orders',
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'total', type: 'transform.map', position: [200, 0], config: { expression: '{"id": id, "total": $sum(lines.price)}' } },
    { id: 'big', type: 'transform.filter', position: [400, 0], config: { condition: 'total > 10' } },
    { id: 'route', type: 'transform.switch', position: [600, 0], config: { rules: [{ port: 'huge', condition: 'total > 100' }] } },
  ],
  edges: [{ from: 'start', to: 'total' }, { from: 'total', to: 'big' }, { from: 'big', to: 'route' }],
  samples: { start: [{ id: 1, lines: [{ price: 4 }, { price: 3 }] }, { id: 2, lines: [{ price: 40 }] }, { id: 3, lines: [{ price: 400 }] }] },
};

describe('pinning through a test run of the real engine', () => {
  let dir: string;
  let service: Service;
  let client: MemoryClient;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipewright-pin-'));
    mkdirSync(join(dir, 'flows'));
    service = createService({ workspace: dir, onEvent: (event) => client.emit(event) });
    client = createMemoryClient(service);
  });

  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function pin(flow: FlowDocument, nodeId: string) {
    const plan = pinPlan(flow, nodeId);
    if ('reason' in plan) throw new Error(plan.reason);
    const run = await runTestToEnd(client, { document: flow, inputs: plan.inputs, nodeId });
    return pinOutcome(flow, nodeId, { status: run.report.status, dead: run.report.dead, emitted: run.emitted, ...(run.error ? { error: run.error } : {}) });
  }

  it('pins a Filter after a Map with what it let through, not what it rejected', async () => {
    expect(await pin(doc, 'big')).toEqual({ outputs: [{ id: 2, total: 40 }, { id: 3, total: 400 }] });
  });

  it('pins a Switch with what it sent on every rule port and the default', async () => {
    const outcome = await pin(doc, 'route');
    expect(outcome).toHaveProperty('outputs');
    if (!('outputs' in outcome)) return;
    expect([...outcome.outputs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ id: 2, total: 40 }, { id: 3, total: 400 }]);
  });

  it('refuses to pin when a message failed before the node, naming where', async () => {
    const broken: FlowDocument = { ...doc, nodes: doc.nodes.map((node) => (node.id === 'total' ? { ...node, config: { expression: '$error("no total")' } } : node)) };
    const outcome = await pin(broken, 'big');
    expect(outcome).toHaveProperty('reason');
    if ('reason' in outcome) expect(outcome.reason).toMatch(/^Not pinned: a message failed at "total": \S+ .*no total/);
  });
});

describe('a test run awaited to its end', () => {
  it('reads the report again when run.finished overtakes it, so its dead letters are not missed', async () => {
    const running = { runId: 'r1', status: 'running' as const, flowId: 'orders', flowVersion: 1, outputs: {}, outputCounts: {}, dead: [], counts: { received: 1, processed: 0, pending: 1, dead: 0 }, startedAt: '' };
    const dead = { id: 'd1', runId: 'r1', flowId: 'orders', nodeId: 'big', messageId: 'm1', error: { code: 'MAPPING_ERROR', message: 'no total' }, attempts: 1, createdAt: '' };
    let reads = 0;
    const client: MemoryClient = createMemoryClient({
      'runs.start': async () => ({ runId: 'r1', flowId: 'orders', kind: 'test' }),
      'runs.get': async () => {
        reads += 1;
        if (reads > 1) return { ...running, status: 'failed' as const, dead: [dead], counts: { received: 1, processed: 1, pending: 0, dead: 1 } };
        // The run ends while this (stale) answer is on its way.
        client.emit({ type: 'run.finished', runId: 'r1', flowId: 'orders', status: 'failed', counts: { received: 1, processed: 1, pending: 0, dead: 1 } });
        return running;
      },
      'runs.steps': async ({ runId }) => ({ runId, nodes: [], emitted: [] }),
    });
    const run = await runTestToEnd(client, { document: doc, inputs: { start: [{}] }, nodeId: 'big' });
    expect(run.report).toMatchObject({ status: 'failed', dead: [{ nodeId: 'big' }] });
  });

  it('ends on the run.finished event when the drive broke and the report still says running', async () => {
    const report = { runId: 'r1', status: 'running' as const, flowId: 'orders', flowVersion: 1, outputs: {}, outputCounts: {}, dead: [], counts: { received: 1, processed: 0, pending: 1, dead: 0 }, startedAt: '' };
    const client: MemoryClient = createMemoryClient({
      'runs.start': async () => {
        setTimeout(() => client.emit({ type: 'run.finished', runId: 'r1', flowId: 'orders', status: 'running', counts: report.counts, error: { code: 'SQLITE_FULL', message: 'disk full' } }), 20);
        return { runId: 'r1', flowId: 'orders', kind: 'test' };
      },
      'runs.get': async () => report,
      'runs.steps': async ({ runId }) => ({ runId, nodes: [], emitted: [] }),
    });
    const run = await runTestToEnd(client, { document: doc, inputs: { start: [{}] }, nodeId: 'big' });
    expect(run.error).toEqual({ code: 'SQLITE_FULL', message: 'disk full' });
    expect(pinOutcome(doc, 'big', { status: run.report.status, dead: [], emitted: [], ...(run.error ? { error: run.error } : {}) })).toEqual({ reason: 'Not pinned: the test run could not finish (disk full).' });
  });
});
