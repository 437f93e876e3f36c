// The run panel under the canvas (region "Run"): the test run's status, why it could not start (with
// the flow's problems), and for the selected node its input and output in that run. Says what to do
// first when there is no run yet.
import type { ErrorData } from '../../../shared/errors.js';
import { nodeLabel } from '../canvas/to-react-flow.js';
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import { NodeRunDetails } from './node-run-details.js';
import { describeRun } from './run-state.js';
import { useNodeSteps } from './use-node-steps.js';
import { useRunState, useRunStore } from './use-run-store.js';
import './run-panel.css';

export function RunPanel() {
  const runStore = useRunStore();
  const run = useRunState();
  const { selection, nodesById } = useFlowSnapshot();
  const selectedId = selection.size === 1 ? [...selection][0] : undefined;
  const selected = selectedId !== undefined ? nodesById.get(selectedId) : undefined;
  const nodeState = selected ? run.nodes[selected.id] : undefined;
  const version = `${run.phase}:${nodeState?.status ?? ''}:${nodeState?.counts.steps ?? 0}:${nodeState?.counts.emitted ?? 0}`;
  const steps = useNodeSteps(runStore, run.runId, selected?.id, version);

  return (
    <section className="panel run-panel" aria-label="Run">
      <div className="run-header">
        <h2 className="panel-title">Run</h2>
        <span className={`run-summary run-phase-${run.phase}${run.status ? ` run-result-${run.status}` : ''}`} aria-live="polite">
          {describeRun(run)}
        </span>
      </div>
      <div className="run-body">
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
