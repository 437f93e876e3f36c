// The steps of a run at one node, 100 at a time (runs.messages with its cursor): message id, attempt,
// duration and error; choosing one shows its way through the run (./message-path.tsx).
import { useCallback, useEffect, useState } from 'react';
import type { StepTrace } from '../../../shared/runs.js';
import type { ApiClient } from '../api/client.js';
import { formatDuration } from './format.js';

export function RunMessages({ client, runId, nodeId, selected, onSelect }: { client: ApiClient; runId: string; nodeId: string; selected: string | undefined; onSelect: (messageId: string) => void }) {
  const [steps, setSteps] = useState<StepTrace[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<string>();
  const load = useCallback((after?: string) => {
    client.send('runs.messages', { runId, nodeId, ...(after === undefined ? {} : { cursor: after }) }).then((page) => {
      setSteps((previous) => (after === undefined ? page.steps : [...previous, ...page.steps]));
      setCursor(page.nextCursor);
    }, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [client, runId, nodeId]);
  useEffect(() => load(), [load]);
  return (
    <section className="ops-messages" aria-label={`Messages at ${nodeId}`}>
      <p className="ops-subtitle">Messages at {nodeId}</p>
      {error && <p className="ops-error" role="alert">{error}</p>}
      <ul className="ops-message-list">
        {steps.map((step) => (
          <li key={`${step.messageId} ${step.attempt}`} className={step.messageId === selected ? 'ops-row-open' : undefined}>
            <button type="button" className="ops-link" onClick={() => onSelect(step.messageId)} aria-label={`Show message ${step.messageId}`}>{step.messageId}</button>
            <span className="ops-muted"> attempt {step.attempt}, {formatDuration(step.durationMs)}</span>
            {step.error && <span className="ops-dead"> {step.error.code}</span>}
          </li>
        ))}
      </ul>
      {cursor !== undefined && <button type="button" className="button" onClick={() => load(cursor)}>Load more messages</button>}
    </section>
  );
}
