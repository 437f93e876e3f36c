// The designer's flow tests: whether the Flow tests panel is open, and running the open document's
// tests through the contract (`flows.test` with `document`, so unsaved changes count) — all of them, or
// one alone (the document sent with just that test). Each test's last outcome is kept with the test
// object it ran, so an edited test shows as not run since. Plain TypeScript with subscribe/getState for
// useSyncExternalStore.
import type { FlowTestReport, FlowTestResult } from '../../../shared/api/flow-tests.js';
import { toErrorData } from '../../../shared/api/errors.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';

export type FlowTestsPhase = 'idle' | 'running' | 'done' | 'failed';

/** A test's last outcome, with the test as it was when it ran. */
export interface TestOutcome {
  test: FlowTest;
  result: FlowTestResult;
}

export interface FlowTestsState {
  /** The Flow tests panel is shown. */
  open: boolean;
  phase: FlowTestsPhase;
  /** The test running alone, when one is. */
  runningTest?: string;
  /** The last answer (`done`). */
  report?: FlowTestReport;
  /** Why the tests could not run (`failed`): an invalid flow, no connection… */
  error?: ErrorData;
  /** Each test's last outcome, by test name. */
  outcomes: Readonly<Record<string, TestOutcome>>;
}

export const idleFlowTests: FlowTestsState = { open: false, phase: 'idle', outcomes: {} };

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
    /** Runs the document's tests, or only the one called `only`; opens the panel. */
    async run(document: FlowDocument, only?: string): Promise<void> {
      const mine = ++attempt;
      const { runningTest: _previous, ...shown } = state;
      if (!client) {
        set({ ...shown, open: true, phase: 'failed', error: { code: 'OFFLINE', message: 'Running tests needs a connection to the Pipewright service.' } });
        return;
      }
      const tests = (document.tests ?? []).filter((test) => only === undefined || test.name === only);
      set({ ...shown, open: true, phase: 'running', ...(only === undefined ? {} : { runningTest: only }) });
      try {
        const report = await client.send('flows.test', { document: { ...document, tests } });
        if (mine !== attempt) return;
        const outcomes = { ...state.outcomes };
        for (const result of report.results) {
          const test = tests.find((candidate) => candidate.name === result.name);
          if (test) outcomes[result.name] = { test, result };
        }
        const { runningTest: _done, error: _error, ...rest } = state;
        set({ ...rest, phase: 'done', report, outcomes });
      } catch (error) {
        if (mine !== attempt) return;
        const { runningTest: _done, ...rest } = state;
        set({ ...rest, phase: 'failed', error: toErrorData(error) });
      }
    },
    open(): void {
      if (!state.open) set({ ...state, open: true });
    },
    close(): void {
      if (state.open) set({ ...state, open: false });
    },
    /** Another flow was loaded: nothing of the last one's tests applies. */
    clear(): void {
      attempt++;
      if (state !== idleFlowTests) set(idleFlowTests);
    },
  };
}

/** The outcome to show for a test: its last one, if the test has not changed since it ran. */
export function currentOutcome(state: FlowTestsState, test: FlowTest): FlowTestResult | undefined {
  const outcome = state.outcomes[test.name];
  return outcome && outcome.test === test ? outcome.result : undefined;
}
