// The live output pane: the result as pretty JSON, "no result", or the error with its code. A
// labelled region that screen readers announce politely as it changes.
import type { ReactNode } from 'react';
import type { LiveEvaluation } from './use-live-evaluation.js';

/** `available`: whether anything can evaluate here (the worker, else the service). */
export function MappingOutput({ live, available, hasExpression }: { live: LiveEvaluation; available: boolean; hasExpression: boolean }) {
  const { view, busy, failure } = live;
  let body: ReactNode;
  if (!available) body = <p className="mapping-output-note">Connect to `pipewright serve` to see the output as you type.</p>;
  else if (!hasExpression) body = <p className="mapping-output-note">Type an expression to see its output.</p>;
  else if (failure) body = <p className="mapping-output-error">Could not evaluate: {failure}</p>;
  else if (!view) body = <p className="mapping-output-note">Evaluating…</p>;
  else if (view.state === 'error') body = <pre className="mapping-output-error">{view.text}</pre>;
  else body = <pre className={view.state === 'empty' ? 'mapping-output-note' : 'mapping-output-json'}>{view.text}</pre>;
  return (
    <section role="region" aria-label="Mapping output" aria-live="polite" aria-busy={busy} className="mapping-output" data-state={view?.state ?? (failure ? 'failure' : 'idle')}>
      {body}
      {view && <p className="mapping-output-meta">{busy ? 'Updating…' : `${view.durationMs.toFixed(1)} ms`}</p>}
    </section>
  );
}
