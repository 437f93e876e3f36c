// The designer's "Run tests": runs the open document's tests through the contract (`flows.test` with
// `document`, so unsaved changes count) and keeps the answer: per test pass or fail, and for a failure
// the node and a compact diff. Plain TypeScript with subscribe/getState for useSyncExternalStore.
import type { FlowTestReport } from '../../../shared/api/flow-tests.js';
import { toErrorData } from '../../../shared/api/errors.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';

export type FlowTestsPhase = 'idle' | 'running' | 'done' | 'failed';

export interface FlowTestsState {
  phase: FlowTestsPhase;
  /** Present once the tests ran (`done`). */
  report?: FlowTestReport;
  /** Why the tests could not run (`failed`): an invalid flow, no connection… */
  error?: ErrorData;
}

export const idleFlowTests: FlowTestsState = { phase: 'idle' };

export type FlowTestsStore = ReturnType<typeof createFlowTestsStore>;

export function createFlowTestsStore(client: ApiClient | undefined) {
  let state: FlowTestsState = idleFlowTests;
  // Each request has a number: the answer to one the user has since replaced or closed is dropped.
  let attempt = 0;
  const listeners = new Set<() => void>();
  const set = (next: FlowTestsState): void => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getState: (): FlowTestsState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async run(document: FlowDocument): Promise<void> {
      const mine = ++attempt;
      if (!client) {
        set({ phase: 'failed', error: { code: 'OFFLINE', message: 'Running tests needs a connection to the Pipewright service.' } });
        return;
      }
      set({ phase: 'running' });
      try {
        const report = await client.send('flows.test', { document });
        if (mine === attempt) set({ phase: 'done', report });
      } catch (error) {
        if (mine === attempt) set({ phase: 'failed', error: toErrorData(error) });
      }
    },
    clear(): void {
      attempt++;
      if (state !== idleFlowTests) set(idleFlowTests);
    },
  };
}
