// The run panel under the canvas (region "Run"): the test run's status, Stop while it is busy and
// "Run with file…" (./run-with-file.tsx), why it could not start (with the flow's problems), what to do
// after a stop, and for the selected node its input and output in that run. Says what to do first when
// there is no run yet.
import type { ErrorData } from '../../../shared/errors.js';
import { nodeLabel } from '../canvas/to-react-flow.js';
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import { NodeRunDetails } from './node-run-details.js';
import { describeRun, isRunBusy, plural, wasStopped, type RunState } from './run-state.js';
import { useRunWithFile } from './run-with-file.js';
import { useNodeSteps } from './use-node-steps.js';
import { useRunState, useRunStore } from './use-run-store.js';
import './run-panel.css';

export function RunPanel() {
  const runStore = useRunStore();
  const run = useRunState();
  const { selection, nodesById, doc } = useFlowSnapshot();
  const selectedId = selection.size === 1 ? [...selection][0] : undefined;
  const selected = selectedId !== undefined ? nodesById.get(selectedId) : undefined;
  const nodeState = selected ? run.nodes[selected.id] : undefined;
  const version = `${run.phase}:${nodeState?.status ?? ''}:${nodeState?.counts.steps ?? 0}:${nodeState?.counts.emitted ?? 0}`;
  const steps = useNodeSteps(runStore, run.runId, selected?.id, version);
  const busy = isRunBusy(run);
  // A store that stops runs also starts them; a past run's (from the Runs view) does neither.
  const stop = runStore?.stop?.bind(runStore);
  const fileRun = useRunWithFile({
    doc,
    busy,
    attempt: run.attempt,
    start: (document, inputs) => {
      void runStore?.start(document, inputs);
      return runStore?.getState().attempt ?? run.attempt; // start() moved to its attempt at once
    },
  });

  return (
    <section className="panel run-panel" aria-label="Run">
      <div className="run-header">
        <h2 className="panel-title">Run</h2>
        <span className={`run-summary run-phase-${run.phase}${run.status ? ` run-result-${run.status}` : ''}`} aria-live="polite">
          {describeRun(run)}
        </span>
        {stop && (
          <span className="run-actions">
            {busy && (
              <button type="button" className="button" onClick={() => void stop()} disabled={run.runId === undefined || run.stopRequested === true} title="Stop this run: messages not finished yet stay where they are">
                {run.stopRequested ? 'Stopping…' : 'Stop'}
              </button>
            )}
            {fileRun.button}
          </span>
        )}
      </div>
      <div className="run-body">
        {stop && fileRun.notice}
        {run.stopError && <p className="run-error-text" role="alert">Could not stop the run: {run.stopError.message}</p>}
        {wasStopped(run) && <StoppedNotice run={run} />}
        {run.phase === 'idle' ? (
          <p className="run-muted">Press Run to test the flow on its samples. Each node then shows what came in and went out; select one to see its input and output here.</p>
        ) : run.phase === 'failed' || run.phase === 'starting' ? (
          run.error && <StartProblems error={run.error} />
        ) : selected ? (
          <NodeRunDetails label={nodeLabel(selected)} node={nodeState} steps={steps} />
        ) : (
          <p className="run-muted">Select a node to see its input and output in this run.</p>
        )}
      </div>
    </section>
  );
}

function StoppedNotice({ run }: { run: RunState }) {
  const waiting = run.counts?.pending ?? 0;
  return (
    <p className="run-notice" role="status">
      You stopped this run{waiting > 0 ? `; ${plural(waiting, 'message')} had not finished` : ''}. Press Run to test the flow again from the start; the stopped run {run.runId} stays listed under Runs.
    </p>
  );
}

function StartProblems({ error }: { error: ErrorData }) {
  const problems = error.problems ?? [];
  return (
    <div className="run-error" role="alert">
      <p>
        <code>{error.code}</code> {error.message}
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.slice(0, 10).map((problem, index) => (
            <li key={index}>
              {problem.path !== undefined && <code>{problem.path}</code>} {problem.message}
            </li>
          ))}
          {problems.length > 10 && <li>…and {problems.length - 10} more</li>}
        </ul>
      )}
    </div>
  );
}
