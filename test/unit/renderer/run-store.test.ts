import { describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../shared/errors.js';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import type { RunReport } from '../../../shared/runs.js';
import { createMemoryClient, type MemoryClient } from '../../../renderer/src/api/memory-client.js';
import { createLastRuns, type KeyValueStorage } from '../../../renderer/src/run/last-runs.js';
import { describeRun, wasStopped } from '../../../renderer/src/run/run-state.js';
import { createRunStore } from '../../../renderer/src/run/run-store.js';

const doc: FlowDocument = { format: FLOW_FORMAT, id: 'orders', name: 'Orders', nodes: [], edges: [] };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The browser's localStorage as a map: what a reload keeps. */
function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value), removeItem: (key) => void entries.delete(key) };
}
const okNodes = (runId: string) => ({ runId, nodes: [{ nodeId: 'map', status: 'ok' as const, counts: { steps: 4, messages: 2, emitted: 2, errors: 0, byPort: { out: 2 } } }] });
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

  it('starts a run on the messages given per trigger instead of the samples', async () => {
    const seen: unknown[] = [];
    const client = createMemoryClient({
      'runs.start': async (params) => {
        seen.push(params);
        return { runId: 'r1', flowId: 'orders', kind: 'test' };
      },
      'runs.get': async ({ runId }) => report(runId, { status: 'running' }),
    });
    const store = createRunStore(client);
    await store.start(doc, { orders: [{ id: 1 }, { id: 2 }] });
    expect(seen).toEqual([{ document: doc, kind: 'test', inputs: { orders: [{ id: 1 }, { id: 2 }] } }]);
    store.dispose();
    store.clear(); // ends the report polling
  });

  it('remembers the last run of each flow and shows it again after a reload, read back from the service', async () => {
    const storage = memoryStorage();
    const handlers = {
      'runs.start': async () => ({ runId: 'r1', flowId: 'orders', kind: 'test' as const }),
      'runs.get': async ({ runId }: { runId: string }) => report(runId, { status: 'succeeded', counts: { received: 2, processed: 8, pending: 0, dead: 0 }, outputCounts: { log: 2 } }),
      'runs.steps': async ({ runId }: { runId: string }) => okNodes(runId),
    };
    const before = createRunStore(createMemoryClient(handlers), createLastRuns(storage));
    await before.start(doc);
    before.dispose();
    before.clear();
    expect([...storage.entries]).toEqual([['pipewright.lastTestRun.orders', 'r1']]);

    const afterReload = createRunStore(createMemoryClient(handlers), createLastRuns(storage));
    await afterReload.restore('orders');
    expect(afterReload.getState()).toMatchObject({ phase: 'finished', runId: 'r1', status: 'succeeded', outputs: 2, nodes: { map: { status: 'ok', counts: { messages: 2 } } } });
    expect(describeRun(afterReload.getState())).toBe('Succeeded, 2 messages in, 2 out, 0 dead letters');
    await afterReload.restore('other-flow');
    expect(afterReload.getState().runId).toBe('r1');
  });

  it('forgets a remembered run the service no longer has, without a word', async () => {
    const storage = memoryStorage();
    storage.setItem('pipewright.lastTestRun.orders', 'gone');
    const store = createRunStore(createMemoryClient({
      'runs.get': async ({ runId }) => {
        throw new PipewrightError('RUN_NOT_FOUND', `run "${runId}" does not exist in this workspace`);
      },
      'runs.steps': async ({ runId }) => okNodes(runId),
    }), createLastRuns(storage));
    await store.restore('orders');
    expect(store.getState()).toMatchObject({ phase: 'idle' });
    expect(store.getState().error).toBeUndefined();
    expect(storage.entries.size).toBe(0);
  });

  it('does not put a restored run over a run started while it was read', async () => {
    const storage = memoryStorage();
    storage.setItem('pipewright.lastTestRun.orders', 'old');
    let answer: (() => void) | undefined;
    const store = createRunStore(createMemoryClient({
      'runs.start': async () => ({ runId: 'new', flowId: 'orders', kind: 'test' }),
      'runs.get': async ({ runId }) => {
        if (runId === 'old') await new Promise<void>((resolve) => (answer = resolve));
        return report(runId, { status: runId === 'old' ? 'succeeded' : 'running' });
      },
      'runs.steps': async ({ runId }) => okNodes(runId),
    }), createLastRuns(storage));
    const restoring = store.restore('orders');
    await tick();
    await store.start(doc);
    answer?.();
    await restoring;
    expect(store.getState()).toMatchObject({ phase: 'running', runId: 'new' });
    expect(storage.entries.get('pipewright.lastTestRun.orders')).toBe('new');
    store.clear();
  });

  it('stops a busy run with runs.stop and then says it was stopped', async () => {
    const stops: unknown[] = [];
    let status: 'running' | 'interrupted' = 'running';
    const client: MemoryClient = createMemoryClient({
      'runs.start': async () => ({ runId: 'r1', flowId: 'orders', kind: 'test' }),
      'runs.stop': async (params) => {
        stops.push(params);
        status = 'interrupted';
        return { runId: params.runId, stopped: true };
      },
      'runs.get': async ({ runId }) => report(runId, { status, counts: { received: 2, processed: 0, pending: 2, dead: 0 } }),
      'runs.steps': async ({ runId }) => okNodes(runId),
    });
    const store = createRunStore(client);
    await store.start(doc);
    await store.stop();
    expect(stops).toEqual([{ runId: 'r1' }]);
    expect(store.getState()).toMatchObject({ phase: 'finished', status: 'interrupted', stopRequested: true });
    expect(wasStopped(store.getState())).toBe(true);
    expect(describeRun(store.getState())).toMatch(/^Stopped, 2 messages in/);
  });

  it('says why a stop failed and keeps the run going', async () => {
    const store = createRunStore(createMemoryClient({
      'runs.start': async () => ({ runId: 'r1', flowId: 'orders', kind: 'test' }),
      'runs.stop': async () => {
        throw new PipewrightError('NETWORK', 'the server did not answer');
      },
      'runs.get': async ({ runId }) => report(runId, { status: 'running' }),
    }));
    await store.start(doc);
    await store.stop();
    expect(store.getState()).toMatchObject({ phase: 'running', stopError: { message: 'the server did not answer' } });
    expect(store.getState().stopRequested).toBeUndefined();
    store.clear();
  });
});
