// The run badge on a canvas node: status (running, ok, error) and counts in messages, named for screen
// readers and tests ("Run status ok", "3 in, 3 out", "1 in, 0 out, 5 attempts, failed"): it shows
// "1→0 ↻5" for one message in, none out after five attempts. And the node's last error where it happened.
import type { ErrorData } from '../../../shared/errors.js';
import { nodeCountsLabel, type NodeRunView } from './run-state.js';
import { describeWhere } from './step-view.js';
import './node-run-badge.css';

const symbols = { idle: '○', running: '…', ok: '✓', error: '✕' } as const;

export function NodeRunBadge({ run }: { run: NodeRunView }) {
  const counts = nodeCountsLabel(run.counts);
  const messagesIn = run.counts.messages ?? run.counts.steps;
  const ports = Object.entries(run.counts.byPort).map(([port, n]) => `${port}: ${n}`).join(', ');
  return (
    <span className={`node-run-badge node-run-status-${run.status}`} title={`Last run: ${run.status}, ${counts}${ports ? ` (${ports})` : ''}`}>
      <span role="img" aria-label={`Run status ${run.status}`}>{symbols[run.status]}</span>
      <span role="img" aria-label={counts}>
        {messagesIn}→{run.counts.emitted}
        {run.counts.steps > messagesIn && <span className="node-run-attempts"> ↻{run.counts.steps}</span>}
      </span>
    </span>
  );
}

export function NodeRunError({ error }: { error: ErrorData }) {
  const where = describeWhere(error.location);
  return (
    <div className="node-run-error-text" role="img" aria-label={`Run error ${error.code}: ${error.message}`} title={`${error.code}: ${error.message}${where ? `\nat ${where}` : ''}`}>
      {error.code}: {error.message}
    </div>
  );
}
