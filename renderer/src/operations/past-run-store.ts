// A run from the Runs view shown on the canvas, like n8n's "load past execution": a store
// with the test run store's shape (../run/run-store.ts), so the canvas badges, the Run panel and the
// inspector's "Use upstream output from last run" read this run's per-node counts, inputs and outputs
// the way they read a test run. It only reads: starting a run goes back to the test run store.
import type { RunSteps } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import type { RunStore } from '../run/run-store.js';
import { idleRun, type NodeRunView, type RunState } from '../run/run-state.js';

export function createPastRunStore(client: ApiClient, runId: string, flowId: string): RunStore {
  let state: RunState = { ...idleRun, phase: 'running', runId, flowId };
  const listeners = new Set<() => void>();
  const set = (next: RunState): void => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  let live = true;
  // runs.detail sums the steps in the store, so a run of 10,000 messages costs no more than a small one.
  void client.send('runs.detail', { runId }).then((detail) => {
    if (!live) return;
    const nodes: Record<string, NodeRunView> = {};
    for (const node of detail.nodes) {
      const emitted = Object.values(node.byPort).reduce((sum, n) => sum + n, 0);
      const status = node.failedMessages > 0 ? 'error' : detail.run.status === 'running' ? 'running' : 'ok';
      const view: NodeRunView = { status, counts: { steps: node.steps, messages: node.messages, emitted, byPort: node.byPort, errors: node.failedMessages } };
      if (node.lastError) view.lastError = node.lastError;
      nodes[node.nodeId] = view;
    }
    set({ ...state, phase: 'finished', status: detail.run.status, counts: detail.run.counts, nodes });
  }, (error: unknown) => {
    if (live) set({ ...state, phase: 'failed', error: { code: 'RUN_NOT_FOUND', message: error instanceof Error ? error.message : String(error) } });
  });

  return {
    getState: () => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async () => {
      throw new Error('a past run is only shown; start a test run from the test run store');
    },
    steps: (stepsRunId: string, nodeId: string): Promise<RunSteps> => client.send('runs.steps', { runId: stepsRunId, nodeId }),
    clear: () => set({ ...idleRun }),
    dispose: () => {
      live = false;
      listeners.clear();
    },
  };
}
