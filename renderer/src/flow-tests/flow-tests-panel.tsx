// The "Flow tests" panel under the canvas: every test of the open flow with its last outcome in words
// (not only colour), and under a failed test the node that emitted something else with a compact diff,
// the dead letters of its run, or why it could not run. Tests are made here (from the trigger samples
// or from the last run), run alone or all together, renamed, duplicated, deleted and edited
// (./test-editor.tsx); every edit is one undoable change of the flow document.
import { useState } from 'react';
import type { FlowTestResult } from '../../../shared/api/flow-tests.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowTest } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';
import { useRunState } from '../run/use-run-store.js';
import { currentOutcome, type FlowTestsState } from './flow-tests-store.js';
import { deleteTest, duplicateTest, testFromSamples } from './test-model.js';
import { testFromRun } from './test-from-run.js';
import { TestEditor } from './test-editor.js';
import './flow-tests.css';

/** Dead letters quoted under a failed test; its run holds the rest. */
const DEAD_LETTERS_SHOWN = 3;

export interface FlowTestsPanelProps {
  state: FlowTestsState;
  client: ApiClient | undefined;
  onRun: (only?: string) => void;
  onClose: () => void;
}

export function FlowTestsPanel({ state, client, onRun, onClose }: FlowTestsPanelProps) {
  const { doc } = useFlowSnapshot();
  const store = useFlowStore();
  const lastRun = useRunState();
  const [editing, setEditing] = useState<number>();
  const [notes, setNotes] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  if (!state.open) return null;
  const tests = doc.tests ?? [];
  const running = state.phase === 'running';
  const lastRunId = lastRun.phase === 'finished' && lastRun.flowId === doc.id ? lastRun.runId : undefined;

  const add = (test: FlowTest, why: string[] = []) => {
    store.setTests([...tests, test]);
    setEditing(tests.length);
    setNotes(why);
  };
  const fromSamples = () => {
    const test = testFromSamples(doc, tests);
    if (test) add(test);
    else setNotes(['No trigger has a sample yet: give the trigger one (select it), or run the flow and make the test from the run.']);
  };
  const fromLastRun = async () => {
    if (!client || lastRunId === undefined) return;
    setCreating(true);
    try {
      const made = await testFromRun(client, doc, lastRunId, tests);
      add(made.test, made.notes);
    } catch (error) {
      setNotes([error instanceof Error ? error.message : String(error)]);
    } finally {
      setCreating(false);
    }
  };

  return (
    <section className="panel flow-tests-panel" aria-label="Flow tests">
      <div className="flow-tests-header">
        <h2 className="panel-title">Flow tests</h2>
        <span className="flow-tests-summary" aria-live="polite">{summary(state, tests.length)}</span>
        <button type="button" className="button" onClick={fromSamples}>New from samples</button>
        <button type="button" className="button" onClick={() => void fromLastRun()} disabled={lastRunId === undefined || creating} title={lastRunId === undefined ? 'Run the flow first (Run in the header); its inputs and outputs become the test' : `The inputs and outputs of run ${lastRunId} become the test`}>
          New from last run
        </button>
        <button type="button" className="button" onClick={() => onRun()} disabled={tests.length === 0 || running}>Run all</button>
        <button type="button" className="button flow-tests-close" onClick={onClose} aria-label="Close flow tests">×</button>
      </div>
      <div className="flow-tests-body">
        {state.phase === 'failed' && state.error && <TestsError error={state.error} />}
        {notes.length > 0 && (
          <ul className="flow-tests-notes" aria-label="Notes on the new test">
            {notes.map((note) => <li key={note}>{note}</li>)}
          </ul>
        )}
        {tests.length === 0 ? (
          <p className="inspector-muted">This flow has no tests yet. Make one from the trigger samples or from the last run, or pin a node&apos;s output as expected in the inspector.</p>
        ) : (
          <ul className="flow-tests-list">
            {tests.map((test, index) =>
              editing === index ? (
                <li key={`edit-${index}`} className="flow-test" aria-label={`Editing ${test.name}`}>
                  <TestEditor
                    doc={doc}
                    tests={tests}
                    index={index}
                    onApply={(next) => {
                      store.setTests(next);
                      setEditing(undefined);
                    }}
                    onCancel={() => setEditing(undefined)}
                  />
                </li>
              ) : (
                <TestRow
                  key={`${index}-${test.name}`}
                  test={test}
                  result={currentOutcome(state, test)}
                  running={running && (state.runningTest === undefined || state.runningTest === test.name)}
                  onRun={() => onRun(test.name)}
                  onEdit={() => {
                    setEditing(index);
                    setNotes([]);
                  }}
                  onDuplicate={() => store.setTests(duplicateTest(tests, index))}
                  onDelete={() => {
                    store.setTests(deleteTest(tests, index));
                    setEditing(undefined);
                  }}
                />
              ),
            )}
          </ul>
        )}
      </div>
    </section>
  );
}

function summary(state: FlowTestsState, count: number): string {
  if (state.phase === 'running') return state.runningTest === undefined ? 'Running tests…' : `Running "${state.runningTest}"…`;
  if (state.phase === 'failed') return 'The tests could not run';
  const report = state.report;
  if (report) return `${report.passed} passed, ${report.failed} failed`;
  return count === 1 ? '1 test' : `${count} tests`;
}

interface TestRowProps {
  test: FlowTest;
  result: FlowTestResult | undefined;
  running: boolean;
  onRun: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

function TestRow({ test, result, running, onRun, onEdit, onDuplicate, onDelete }: TestRowProps) {
  const outcome = running ? 'running' : result === undefined ? 'not run' : result.passed ? 'passed' : 'failed';
  const className = result === undefined || running ? '' : result.passed ? ' flow-test-passed' : ' flow-test-failed';
  return (
    <li className={`flow-test${className}`} aria-label={`${test.name}: ${outcome}`}>
      <div className="flow-test-title">
        <span className="flow-test-outcome">
          {outcome === 'passed' && <><span aria-hidden="true">✓</span> Passed</>}
          {outcome === 'failed' && <><span aria-hidden="true">✗</span> Failed</>}
          {outcome === 'running' && 'Running…'}
          {outcome === 'not run' && <span className="flow-test-not-run">Not run</span>}
        </span>{' '}
        <span className="flow-test-name">{test.name}</span>
        <span className="flow-test-actions">
          <button type="button" className="button" onClick={onRun} disabled={running} aria-label={`Run test ${test.name}`}>Run</button>
          <button type="button" className="button" onClick={onEdit} aria-label={`Edit test ${test.name}`}>Edit</button>
          <button type="button" className="button" onClick={onDuplicate} aria-label={`Duplicate test ${test.name}`}>Duplicate</button>
          <button type="button" className="button" onClick={onDelete} aria-label={`Delete test ${test.name}`}>Delete</button>
        </span>
      </div>
      {result?.error && <p className="flow-test-detail"><code>{result.error.code}</code> {result.error.message}</p>}
      {result?.failures.map((failure) => (
        <div key={failure.nodeId} className="flow-test-detail">
          <p className="flow-test-node">Node <code>{failure.nodeId}</code> emitted something else:</p>
          <pre className="flow-test-diff">{failure.diff.join('\n')}</pre>
        </div>
      ))}
      {result && !result.passed && result.deadLetters.slice(0, DEAD_LETTERS_SHOWN).map((dead) => (
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
