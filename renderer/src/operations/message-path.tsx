// One message's way through a run (runs.message): for every node it reached, the payload before the
// node (the step's input) and after it (what it emitted, per port), or the error it failed with; the
// payload before a node can become that node's sample in the designer ("Use as sample").
import { useEffect, useState } from 'react';
import type { MessagePath } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { formatDuration, payloadText } from './format.js';

export interface MessagePathProps {
  client: ApiClient;
  runId: string;
  flowId: string;
  messageId: string;
  /** Copies the payload a node received into that node's samples in the designer. */
  onUseAsSample?: (flowId: string, nodeId: string, payload: unknown) => void;
}

export function MessagePathView({ client, runId, flowId, messageId, onUseAsSample }: MessagePathProps) {
  const [path, setPath] = useState<MessagePath>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    client.send('runs.message', { runId, messageId }).then(
      (found) => live && setPath(found),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, runId, messageId]);
  return (
    <section className="ops-path" aria-label="Message path">
      <p className="ops-subtitle">Message <code>{messageId}</code></p>
      {error && <p className="ops-error" role="alert">{error}</p>}
      {path?.steps.map((step) => (
        <article key={`${step.messageId} ${step.attempt}`} className="ops-path-step" aria-label={`Step at ${step.nodeId}`}>
          <p className="ops-path-node"><strong>{step.nodeId}</strong> <span className="ops-muted">attempt {step.attempt}, {formatDuration(step.durationMs)}</span></p>
          <div className="ops-io">
            <section aria-label={`Before ${step.nodeId}`}>
              <p className="ops-io-title">Before</p>
              <pre className="ops-payload">{payloadText(step.input, step.input !== undefined)}</pre>
              {onUseAsSample && step.input !== undefined && (
                <button type="button" className="button" onClick={() => onUseAsSample(flowId, step.nodeId, step.input)} aria-label={`Use as sample for ${step.nodeId}`}>Use as sample</button>
              )}
            </section>
            <section aria-label={`After ${step.nodeId}`}>
              <p className="ops-io-title">After</p>
              {step.error && <p className="ops-error"><code>{step.error.code}</code> {step.error.message}</p>}
              {step.outputs?.map((output, index) => (
                <pre key={index} className="ops-payload" title={`port ${output.port}`}>{payloadText(output.payload)}</pre>
              ))}
              {!step.error && step.outputs === undefined && <pre className="ops-payload">{payloadText(undefined, false)}</pre>}
              {!step.error && step.outputs?.length === 0 && <p className="ops-muted">Nothing emitted.</p>}
            </section>
          </div>
        </article>
      ))}
      {path?.truncated && <p className="ops-muted">Only the first 1,000 steps of this message are shown.</p>}
    </section>
  );
}
