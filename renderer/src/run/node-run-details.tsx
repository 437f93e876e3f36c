// The selected node in the run panel: its steps of this run, inputs in the "Node input" region and
// outputs by port (or the error, with code, message and where) in the "Node output" region, step by
// step in the same order so row n on the left is what produced row n on the right.
import type { NodeRunView } from './run-state.js';
import { nodeCountsLabel } from './run-state.js';
import type { ErrorView, PayloadView, StepView } from './step-view.js';
import { errorView } from './step-view.js';
import type { NodeSteps } from './use-node-steps.js';

export function NodeRunDetails({ label, node, steps }: { label: string; node: NodeRunView | undefined; steps: NodeSteps }) {
  const list = steps.steps ?? [];
  return (
    <div className="run-node">
      <p className="run-node-title">
        <strong>{label}</strong>
        {node ? <span className={`run-status run-status-${node.status}`}> {node.status}, {nodeCountsLabel(node.counts)}</span> : <span className="run-muted"> did not run</span>}
      </p>
      {node?.lastError && <ErrorBox error={errorView(node.lastError)} title="Last error at this node" />}
      {steps.error && <p className="run-error-text" role="alert">Could not load the steps: {steps.error}</p>}
      <div className="run-io">
        <section className="run-io-column" aria-label="Node input">
          <h3 className="run-io-title">Input</h3>
          {list.length === 0 ? <Empty loading={steps.loading} /> : list.map((step) => (
            <div key={step.key} className="run-step">
              <p className="run-step-title">{step.title}</p>
              <Payload payload={step.input} />
            </div>
          ))}
        </section>
        <section className="run-io-column" aria-label="Node output">
          <h3 className="run-io-title">Output</h3>
          {list.length === 0 ? <Empty loading={steps.loading} /> : list.map((step) => <StepOutput key={step.key} step={step} />)}
        </section>
      </div>
    </div>
  );
}

function StepOutput({ step }: { step: StepView }) {
  return (
    <div className="run-step">
      <p className="run-step-title">{step.title} <span className="run-muted">({formatDuration(step.durationMs)})</span></p>
      {step.error && <ErrorBox error={step.error} title="Error" />}
      {step.outputs.length === 0 && !step.error && <p className="run-muted">Nothing emitted.</p>}
      {step.outputs.map((output) => (
        <div key={output.port} className={`run-port${output.port === 'error' ? ' run-port-error' : ''}`}>
          <p className="run-port-name">port {output.port}</p>
          {output.payloads.map((payload, index) => <Payload key={index} payload={payload} />)}
        </div>
      ))}
    </div>
  );
}

function Payload({ payload }: { payload: PayloadView }) {
  return <pre className={`run-payload${payload.missing ? ' run-muted' : ''}`}>{payload.text}</pre>;
}

function ErrorBox({ error, title }: { error: ErrorView; title: string }) {
  return (
    <div className="run-error" role="group" aria-label={title}>
      <p>
        <code>{error.code}</code> {error.message}
      </p>
      {error.where !== undefined && <p className="run-muted">at {error.where}</p>}
    </div>
  );
}

function Empty({ loading }: { loading: boolean }) {
  return <p className="run-muted">{loading ? 'Loading…' : 'No steps at this node in this run.'}</p>;
}

function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
