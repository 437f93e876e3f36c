// The run badge on a canvas node: status (running, ok, error) and counts, named for screen readers and
// tests ("Run status ok", "3 in, 3 out"), and the node's last error written out where it happened.
import type { ErrorData } from '../../../shared/errors.js';
import { nodeCountsLabel, type NodeRunView } from './run-state.js';
import { describeWhere } from './step-view.js';
import './node-run-badge.css';

const symbols = { idle: '○', running: '…', ok: '✓', error: '✕' } as const;

export function NodeRunBadge({ run }: { run: NodeRunView }) {
  const counts = nodeCountsLabel(run.counts);
  const ports = Object.entries(run.counts.byPort).map(([port, n]) => `${port}: ${n}`).join(', ');
  return (
    <span className={`node-run-badge node-run-status-${run.status}`} title={`Last run: ${run.status}, ${counts}${ports ? ` (${ports})` : ''}`}>
      <span role="img" aria-label={`Run status ${run.status}`}>{symbols[run.status]}</span>
      <span role="img" aria-label={counts}>
        {run.counts.steps}→{run.counts.emitted}
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
