// The test run as a store: starts a run of the open document through the contract (`runs.start` with
// `document`, kind `test`), feeds the run's events to the reducer (./run-state.ts) and, once the run
// has finished, reads the nodes' final states (with their last errors) back with `runs.steps`.
// The event stream has no replay and may connect after a short run already ended, so while a run is
// going the store also reads its report back now and then: the end is never missed.
// Plain TypeScript with subscribe/getState, so React reads it through useSyncExternalStore and tests
// drive it with the in-memory client.
import { isRunEvent, toErrorData, type RunSteps } from '../../../shared/api/index.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { RunReport } from '../../../shared/runs.js';
import type { ApiClient } from '../api/client.js';
import { idleRun, runReducer, type RunAction, type RunState } from './run-state.js';

export type RunStore = ReturnType<typeof createRunStore>;

/** How often a running test run's report is read back, in case its events were missed. */
export const RUN_READ_BACK_MS = 500;

export function createRunStore(client: ApiClient | undefined) {
  let state: RunState = idleRun;
  let attempt = 0;
  let unsubscribe: (() => void) | undefined;
  const listeners = new Set<() => void>();

  const dispatch = (action: RunAction): void => {
    const before = state;
    state = runReducer(state, action);
    if (state === before) return;
    for (const listener of [...listeners]) listener();
    if (state.phase === 'finished' && before.phase !== 'finished' && state.runId !== undefined) void refreshNodes(state.runId);
  };

  /**
   * After the end, the service's node states are complete (last errors included; events may have been
   * throttled), and the report says how many messages reached the flow's ends.
   */
  const refreshNodes = async (runId: string): Promise<void> => {
    if (!client) return;
    const [steps, report] = await Promise.allSettled([client.send('runs.steps', { runId }), client.send('runs.get', { runId })]);
    // A failed read-back leaves the events' picture in place.
    if (steps.status === 'fulfilled') dispatch({ type: 'nodes', runId, nodes: steps.value.nodes });
    if (report.status === 'fulfilled') dispatch({ type: 'outputs', runId, outputs: totalOutputs(report.value) });
  };

  /** Reads the run's report until it has ended; a `run.finished` from the report fills in missed events. */
  const readBackUntilEnded = async (runId: string): Promise<void> => {
    while (client && state.runId === runId && state.phase === 'running') {
      try {
        const report = await client.send('runs.get', { runId });
        if (report.status !== 'running') {
          const finished = { type: 'run.finished' as const, runId, flowId: report.flowId, status: report.status, counts: report.counts };
          dispatch({ type: 'event', event: report.finishedAt === undefined ? finished : { ...finished, finishedAt: report.finishedAt } });
          return;
        }
      } catch {
        // A failed read leaves the events to tell the end; try again on the next tick.
      }
      await new Promise((resolve) => setTimeout(resolve, RUN_READ_BACK_MS));
    }
  };

  const listen = (): void => {
    if (!client || unsubscribe) return;
    unsubscribe = client.subscribe((event) => isRunEvent(event) && dispatch({ type: 'event', event }));
  };

  return {
    getState: (): RunState => state,

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Test-runs `document` (saved or not) on its samples. Resolves once the service answered the start. */
    async start(document: FlowDocument): Promise<void> {
      attempt += 1;
      const mine = attempt;
      dispatch({ type: 'start', attempt: mine });
      if (!client) {
        dispatch({ type: 'start-failed', attempt: mine, error: { code: 'OFFLINE', message: 'Not connected to a Pipewright server, so the flow cannot run. Start `pipewright serve` and open the designer from it.' } });
        return;
      }
      listen(); // before the call: the first events may come before its answer
      try {
        const started = await client.send('runs.start', { document, kind: 'test' });
        dispatch({ type: 'started', attempt: mine, runId: started.runId, flowId: started.flowId });
        void readBackUntilEnded(started.runId);
      } catch (error) {
        dispatch({ type: 'start-failed', attempt: mine, error: toErrorData(error) });
      }
    },

    /** One node's steps (input, outputs, error) in a run. */
    async steps(runId: string, nodeId: string): Promise<RunSteps> {
      if (!client) throw new Error('not connected');
      return client.send('runs.steps', { runId, nodeId });
    },

    /** Forgets the run (another flow was opened: its badges would be about other nodes). */
    clear(): void {
      dispatch({ type: 'clear' });
    },

    dispose(): void {
      unsubscribe?.();
      unsubscribe = undefined;
      listeners.clear();
    },
  };
}

/** Messages that reached the flow's terminal nodes, all of them counted (outputs may hold only the first). */
export function totalOutputs(report: RunReport): number {
  return Object.values(report.outputCounts).reduce((sum, count) => sum + count, 0);
}
