// The Runs table: one row per run with flow, trigger (kind), status in colour and words, start,
// duration and messages in / done / dead; a replay names the run it replays. Each row opens with a
// button whose accessible name says which run it is.
import type { RunListItem } from '../../../shared/api/runs.js';
import { formatDuration, formatTime, shortId, statusLabels } from './format.js';

const kindLabels: Record<RunListItem['kind'], string> = { run: 'Run', test: 'Test run', replay: 'Replay', live: 'Live' };

export function RunsTable({ runs, openRunId, onOpen, label = 'Runs list' }: { runs: RunListItem[]; openRunId: string | undefined; onOpen: (runId: string) => void; label?: string }) {
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Flow</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col" title="Messages received / processed / dead-lettered">In / done / dead</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId} aria-selected={run.runId === openRunId} className={run.runId === openRunId ? 'ops-row-open' : undefined}>
              <td>
                <button type="button" className="ops-link" onClick={() => onOpen(run.runId)} aria-label={`Open run ${run.runId}`} title={run.runId}>{shortId(run.runId)}</button>
              </td>
              <td>{run.flowId} <span className="ops-muted">v{run.flowVersion}</span></td>
              <td>
                {kindLabels[run.kind]}
                {run.replayOf !== undefined && <span className="ops-muted"> of {shortId(run.replayOf)}</span>}
              </td>
              <td><span className={`ops-status ops-status-${run.status}`}>{statusLabels[run.status]}</span></td>
              <td>{formatTime(run.startedAt)}</td>
              <td>{formatDuration(run.durationMs)}</td>
              <td className="ops-num">
                {run.counts.received.toLocaleString()} / {run.counts.processed.toLocaleString()} / <span className={run.counts.dead > 0 ? 'ops-dead' : undefined}>{run.counts.dead.toLocaleString()}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
