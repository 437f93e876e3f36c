import { describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../shared/errors.js';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import type { RunReport } from '../../../shared/runs.js';
import { createMemoryClient, type MemoryClient } from '../../../renderer/src/api/memory-client.js';
import { createRunStore } from '../../../renderer/src/run/run-store.js';

const doc: FlowDocument = { format: FLOW_FORMAT, id: 'orders', name: 'Orders', nodes: [], edges: [] };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const report = (runId: string, extra: Partial<RunReport> = {}): RunReport => ({
  runId, status: 'failed', flowId: 'orders', flowVersion: 1, outputs: {}, outputCounts: {}, dead: [], counts: { received: 1, processed: 1, pending: 0, dead: 1 }, startedAt: '2026-01-01T00:00:00Z', ...extra,
});

describe('run store', () => {
  it('starts a test run of the open document and reads the final node states back when it ends', async () => {
    const seen: unknown[] = [];
    const client: MemoryClient = createMemoryClient({
      'runs.start': async (params) => {
        seen.push(params);
        // The service announces the run before its answer reaches the designer.
        client.emit({ type: 'run.started', runId: 'r1', flowId: 'orders', kind: 'test' });
        return { runId: 'r1', flowId: 'orders', kind: 'test' };
      },
      'runs.steps': async ({ runId }) => ({ runId, nodes: [{ nodeId: 'map', status: 'error', counts: { steps: 1, emitted: 0, errors: 1, byPort: {} }, lastError: { code: 'X', message: 'broke' } }] }),
      'runs.get': async ({ runId }) => report(runId, { outputCounts: { log: 2, archive: 1 } }),
    });
    const store = createRunStore(client);
    await store.start(doc);
    expect(seen).toEqual([{ document: doc, kind: 'test' }]);
    expect(store.getState()).toMatchObject({ phase: 'running', runId: 'r1', flowId: 'orders' });
    client.emit({ type: 'node.status', runId: 'r1', nodeId: 'map', status: 'running', counts: { steps: 0, emitted: 0, errors: 0, byPort: {} } });
    client.emit({ type: 'run.finished', runId: 'r1', flowId: 'orders', status: 'failed', counts: { received: 1, processed: 1, pending: 0, dead: 1 } });
    await tick();
    expect(store.getState().nodes.map).toMatchObject({ status: 'error', lastError: { message: 'broke' } });
    expect(store.getState().outputs).toBe(3); // every terminal node's messages, from the report
  });

  it('shows why a run could not start', async () => {
    const client = createMemoryClient({
      'runs.start': async () => {
        throw new PipewrightError('FLOW_INVALID', 'The flow has 2 problems.');
      },
    });
    const store = createRunStore(client);
    await store.start(doc);
    expect(store.getState()).toMatchObject({ phase: 'failed', error: { code: 'FLOW_INVALID', message: 'The flow has 2 problems.' } });
  });

  it('says a run needs a server when there is none', async () => {
    const store = createRunStore(undefined);
    await store.start(doc);
    expect(store.getState().error?.code).toBe('OFFLINE');
  });
});
