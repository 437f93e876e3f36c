// The "Flow tests" panel under the canvas: the answer of Run tests, one row per test with its outcome
// in words (not only colour), and under a failed test the node that emitted something else with a
// compact diff, the dead letters of its run, or why it could not run. Shown once tests were run.
import type { FlowTestResult } from '../../../shared/api/flow-tests.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowTestsState } from './flow-tests-store.js';
import './flow-tests.css';

/** Dead letters quoted under a failed test; its run holds the rest. */
const DEAD_LETTERS_SHOWN = 3;

export interface FlowTestsPanelProps {
  state: FlowTestsState;
  onClose: () => void;
}

export function FlowTestsPanel({ state, onClose }: FlowTestsPanelProps) {
  if (state.phase === 'idle') return null;
  return (
    <section className="panel flow-tests-panel" aria-label="Flow tests">
      <div className="flow-tests-header">
        <h2 className="panel-title">Flow tests</h2>
        <span className="flow-tests-summary" aria-live="polite">{summary(state)}</span>
        <button type="button" className="button flow-tests-close" onClick={onClose} aria-label="Close flow tests">×</button>
      </div>
      <div className="flow-tests-body">
        {state.phase === 'failed' && state.error && <TestsError error={state.error} />}
        {state.phase === 'done' && state.report && (
          <ul className="flow-tests-list">
            {state.report.results.map((result, index) => <TestRow key={index} result={result} />)}
          </ul>
        )}
      </div>
    </section>
  );
}

function summary(state: FlowTestsState): string {
  if (state.phase === 'running') return 'Running tests…';
  if (state.phase === 'failed') return 'The tests could not run';
  const report = state.report;
  return report ? `${report.passed} passed, ${report.failed} failed` : '';
}

function TestRow({ result }: { result: FlowTestResult }) {
  return (
    <li className={`flow-test ${result.passed ? 'flow-test-passed' : 'flow-test-failed'}`} aria-label={`${result.name}: ${result.passed ? 'passed' : 'failed'}`}>
      <p className="flow-test-title">
        <span className="flow-test-outcome"><span aria-hidden="true">{result.passed ? '✓' : '✗'}</span> {result.passed ? 'Passed' : 'Failed'}</span>
        {' '}{result.name}
      </p>
      {result.error && <p className="flow-test-detail"><code>{result.error.code}</code> {result.error.message}</p>}
      {result.failures.map((failure) => (
        <div key={failure.nodeId} className="flow-test-detail">
          <p className="flow-test-node">Node <code>{failure.nodeId}</code> emitted something else:</p>
          <pre className="flow-test-diff">{failure.diff.join('\n')}</pre>
        </div>
      ))}
      {!result.passed && result.deadLetters.slice(0, DEAD_LETTERS_SHOWN).map((dead) => (
        <p key={dead.id} className="flow-test-detail">Dead letter at <code>{dead.nodeId}</code>: <code>{dead.error.code}</code> {dead.error.message}</p>
      ))}
    </li>
  );
}

function TestsError({ error }: { error: ErrorData }) {
  const problems = error.problems ?? [];
  return (
    <div className="run-error" role="alert">
      <p><code>{error.code}</code> {error.message}</p>
      {problems.length > 1 && (
        <ul>
          {problems.slice(0, 10).map((problem, index) => (
            <li key={index}>{problem.path !== undefined && <code>{problem.path}</code>} {problem.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
