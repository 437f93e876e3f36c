// The test run as a store: starts a run of the open document through the contract (`runs.start` with
// `document`, kind `test`), feeds the run's events to the reducer (./run-state.ts) and, once the run
// has finished, reads the nodes' final states (with their last errors) back with `runs.steps`.
// The event stream has no replay and may connect after a short run already ended, so while a run is
// going the store also reads its report back now and then: the end is never missed.
// It remembers each flow's last run id (./last-runs.ts), so after a reload `restore` shows that run
// again, read back with `runs.get` and `runs.steps`; `stop` stops a busy run with `runs.stop`.
// Plain TypeScript with subscribe/getState, so React reads it through useSyncExternalStore and tests
// drive it with the in-memory client.
import { isRunEvent, toErrorData, type RunSteps } from '../../../shared/api/index.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { RunReport } from '../../../shared/runs.js';
import type { ApiClient } from '../api/client.js';
import type { LastRuns } from './last-runs.js';
import { idleRun, isRunBusy, runReducer, type RunAction, type RunState } from './run-state.js';

/** What the canvas and the run panel read a run through: the test run's store, or a past run's (operations/). */
export interface RunStore {
  getState(): RunState;
  subscribe(listener: () => void): () => void;
  /** Test-runs `document` on `inputs` (messages per trigger node id), by default on its samples. */
  start(document: FlowDocument, inputs?: Record<string, unknown[]>): Promise<void>;
  steps(runId: string, nodeId: string): Promise<RunSteps>;
  clear(): void;
  dispose(): void;
  /** Stops the busy run. Absent on a store that only shows a past run: it neither starts nor stops runs. */
  stop?(): Promise<void>;
}

export interface TestRunStore extends RunStore {
  stop(): Promise<void>;
  /** Shows the flow's last test run again, if one is remembered and the service still has it. */
  restore(flowId: string): Promise<void>;
}

/** How often a running test run's report is read back, in case its events were missed. */
export const RUN_READ_BACK_MS = 500;

export function createRunStore(client: ApiClient | undefined, lastRuns?: LastRuns): TestRunStore {
  let state: RunState = idleRun;
  let attempt = 0;
  let unsubscribe: (() => void) | undefined;
  const listeners = new Set<() => void>();
  /** The state now, read after an await (TypeScript would keep the narrowing from before it). */
  const current = (): RunState => state;

  const dispatch = (action: RunAction): void => {
    const before = state;
    state = runReducer(state, action);
    if (state === before) return;
    for (const listener of [...listeners]) listener();
    // A restored run was read back complete; one that just ended is read back once more.
    if (state.phase === 'finished' && before.phase !== 'finished' && state.runId !== undefined && action.type !== 'restored') void refreshNodes(state.runId);
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

    /** Test-runs `document` (saved or not) on `inputs`, or its samples. Resolves once the service answered the start. */
    async start(document: FlowDocument, inputs?: Record<string, unknown[]>): Promise<void> {
      attempt += 1;
      const mine = attempt;
      dispatch({ type: 'start', attempt: mine });
      if (!client) {
        dispatch({ type: 'start-failed', attempt: mine, error: { code: 'OFFLINE', message: 'Not connected to a Pipewright server, so the flow cannot run. Start `pipewright serve` and open the designer from it.' } });
        return;
      }
      listen(); // before the call: the first events may come before its answer
      try {
        const started = await client.send('runs.start', { document, kind: 'test', ...(inputs ? { inputs } : {}) });
        lastRuns?.remember(started.flowId, started.runId);
        dispatch({ type: 'started', attempt: mine, runId: started.runId, flowId: started.flowId });
        void readBackUntilEnded(started.runId);
      } catch (error) {
        dispatch({ type: 'start-failed', attempt: mine, error: toErrorData(error) });
      }
    },

    /**
     * Stops the busy run (`runs.stop` waits until the drive has let go). The run's end then arrives as
     * usual; a run no one was driving (the service restarted since) is read back and shown as stopped.
     */
    async stop(): Promise<void> {
      const runId = state.runId;
      if (!client || runId === undefined || !isRunBusy(state)) return;
      dispatch({ type: 'stop-requested', runId });
      try {
        const answer = await client.send('runs.stop', { runId });
        const report = await client.send('runs.get', { runId });
        if (current().runId !== runId || current().phase !== 'running') return;
        if (report.status !== 'running' || !answer.stopped) {
          const finished = { type: 'run.finished' as const, runId, flowId: report.flowId, status: report.status, counts: report.counts };
          dispatch({ type: 'event', event: report.finishedAt === undefined ? finished : { ...finished, finishedAt: report.finishedAt } });
        }
      } catch (error) {
        dispatch({ type: 'stop-failed', runId, error: toErrorData(error) });
      }
    },

    async restore(flowId: string): Promise<void> {
      const runId = lastRuns?.of(flowId);
      if (!client || runId === undefined || state.phase !== 'idle') return;
      const mine = attempt; // a run started or another flow opened meanwhile wins
      try {
        const [report, steps] = await Promise.all([client.send('runs.get', { runId }), client.send('runs.steps', { runId })]);
        if (report.flowId !== flowId) return lastRuns?.forget(flowId, runId);
        dispatch({ type: 'restored', attempt: mine, runId, flowId, status: report.status, counts: report.counts, outputs: totalOutputs(report), nodes: steps.nodes });
        if (current().runId === runId && current().phase === 'running') {
          listen();
          void readBackUntilEnded(runId);
        }
      } catch (error) {
        // A run the service no longer has (retention, another workspace) is forgotten without a word;
        // after any other failure (the server away) it stays remembered for the next time.
        if (toErrorData(error).code === 'RUN_NOT_FOUND') lastRuns?.forget(flowId, runId);
      }
    },

    /** One node's steps (input, outputs, error) in a run. */
    async steps(runId: string, nodeId: string): Promise<RunSteps> {
      if (!client) throw new Error('not connected');
      return client.send('runs.steps', { runId, nodeId });
    },

    /** Forgets the run (another flow was opened: its badges would be about other nodes). */
    clear(): void {
      attempt += 1; // a restore or start still on its way is not shown over the next flow
      dispatch({ type: 'clear', attempt });
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
