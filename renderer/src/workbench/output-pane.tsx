// The workbench's output pane: the expression's output for each input message (JSON or table), the
// pinned expected output beside it with the paths that differ, and the node's flow tests passing or
// failing live on these messages.
import { useMemo, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { prettyJson, type OutputView } from '../mapping/mapping-output-text.js';
import { describeDifference } from './json-diff.js';
import { emittedOutputs, expectingTests, liveVerdict } from './expected-outputs.js';
import { ViewTabs } from './input-pane.js';
import { TableView } from './table-view.js';
import { MAX_LIVE_SAMPLES, type SampleOutputs } from './use-sample-outputs.js';

type View = 'json' | 'table';

export interface OutputPaneProps {
  doc: FlowDocument;
  nodeId: string;
  outputs: SampleOutputs;
  sampleCount: number;
  hasExpression: boolean;
}

export function OutputPane({ doc, nodeId, outputs, sampleCount, hasExpression }: OutputPaneProps) {
  const [view, setView] = useState<View>('json');
  const tests = useMemo(() => expectingTests(doc, nodeId), [doc, nodeId]);
  const views = useMemo(() => (outputs.outcomes ?? []).map((outcome) => ('view' in outcome ? outcome.view : undefined)), [outputs.outcomes]);
  const emitted = useMemo(() => (tests.length > 0 && outputs.outcomes ? emittedOutputs(views) : undefined), [tests.length, outputs.outcomes, views]);
  const expected = tests[0]?.expected;

  let body;
  if (!hasExpression) body = <p className="inspector-muted">Type an expression to see its output.</p>;
  else if (sampleCount === 0) body = <p className="inspector-muted">No input message to evaluate against.</p>;
  else if (!outputs.outcomes) body = <p className="inspector-muted">Evaluating…</p>;
  else
    body = outputs.outcomes.map((outcome, index) => (
      <section key={index} className="workbench-output" role="region" aria-label={`Output ${index + 1}`} data-state={'view' in outcome ? outcome.view.state : 'failure'}>
        <h4>Message {index + 1}</h4>
        <div className={expected ? 'workbench-output-pair' : undefined}>
          <div>
            {expected && <p className="workbench-output-caption">Actual</p>}
            {'failure' in outcome ? <p className="mapping-output-error">Could not evaluate: {outcome.failure}</p> : <OutputBody view={outcome.view} mode={view} index={index} />}
          </div>
          {expected && (
            <div role="region" aria-label={`Expected ${index + 1}`}>
              <p className="workbench-output-caption">Expected (pinned)</p>
              {index < expected.length ? <pre className="workbench-json">{prettyJson(expected[index])}</pre> : <p className="inspector-muted">No output expected.</p>}
            </div>
          )}
        </div>
      </section>
    ));

  return (
    <section className="workbench-pane" aria-label="Output" aria-busy={outputs.busy}>
      <header className="workbench-pane-head">
        <h3>Output</h3>
        <ViewTabs label="Output view" views={['json', 'table']} current={view} onChange={setView} />
      </header>
      {tests.length > 0 && emitted && (
        <ul className="workbench-tests" role="list" aria-label="Flow tests of this node">
          {tests.map((test) => {
            const verdict = liveVerdict(test, emitted);
            return (
              <li key={test.name} data-verdict={verdict.state}>
                {verdict.state === 'pass' ? `✓ Test "${test.name}" passes` : verdict.state === 'fail' ? `✕ Test "${test.name}" fails` : `? Test "${test.name}": ${verdict.reason}`}
                {verdict.state === 'fail' && (
                  <ul aria-label={`Differences from "${test.name}"`} className="workbench-diff">
                    {verdict.differences.map((difference) => (
                      <li key={`${difference.kind}:${difference.path}`} className={`workbench-diff-${difference.kind}`}>
                        {describeDifference(difference)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="workbench-pane-body">
        {body}
        {sampleCount > MAX_LIVE_SAMPLES && <p className="inspector-muted">Showing the first {MAX_LIVE_SAMPLES} of {sampleCount} messages.</p>}
      </div>
    </section>
  );
}

function OutputBody({ view, mode, index }: { view: OutputView; mode: View; index: number }) {
  if (view.state === 'error') return <pre className="mapping-output-error">{view.text}</pre>;
  if (view.state === 'empty') return <p className="mapping-output-note">{view.text}</p>;
  if (mode === 'table') return <ParsedTable text={view.text} index={index} />;
  return (
    <>
      <pre className="workbench-json">{view.text}</pre>
      <p className="mapping-output-meta">{view.durationMs.toFixed(1)} ms</p>
    </>
  );
}

function ParsedTable({ text, index }: { text: string; index: number }) {
  const value = useMemo(() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }, [text]);
  return <TableView value={value} label={`Output table ${index + 1}`} />;
}
