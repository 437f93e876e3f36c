// An opened run: what it was (flow, trigger, status, times, counts), the run it replays or the replays
// of it, its steps per node (count, errors, timings) and dead letters per node and error, the messages
// at a node page by page (./run-messages.tsx) and one message's payload before and after every node
// (./message-path.tsx).
import { useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { formatDuration, formatTime, plural, shortId, statusLabels } from './format.js';
import { MessagePathView } from './message-path.js';
import { RunMessages } from './run-messages.js';
import { useRunDetail } from './use-run-detail.js';

export interface RunDetailProps {
  client: ApiClient;
  runId: string;
  /** Bumped by live events: the details are read again. */
  version: number;
  onOpenRun: (runId: string) => void;
  onClose: () => void;
  onShowOnCanvas?: (flowId: string, runId: string) => void;
  onUseAsSample?: (flowId: string, nodeId: string, payload: unknown) => void;
  onOpenLogs?: (runId: string) => void;
}

export function RunDetail({ client, runId, version, onOpenRun, onClose, onShowOnCanvas, onUseAsSample, onOpenLogs }: RunDetailProps) {
  const { detail, error } = useRunDetail(client, runId, version);
  const [nodeId, setNodeId] = useState<string>();
  const [messageId, setMessageId] = useState<string>();
  const run = detail?.run;
  return (
    <section className="ops-detail" aria-label="Run details">
      <div className="ops-detail-header">
        <h2 className="ops-detail-title">Run <span title={runId}>{shortId(runId)}</span>{run && <span className={`ops-status ops-status-${run.status}`}> {statusLabels[run.status]}</span>}</h2>
        {run && onShowOnCanvas && <button type="button" className="button" onClick={() => onShowOnCanvas(run.flowId, run.runId)}>Show on canvas</button>}
        {onOpenLogs && <button type="button" className="button" onClick={() => onOpenLogs(runId)} aria-label={`Logs of run ${runId}`}>Logs</button>}
        <button type="button" className="button" onClick={onClose} aria-label="Close run details">✕</button>
      </div>
      {error && <p className="ops-error" role="alert">Could not load run {runId}: {error}</p>}
      {run && detail && (
        <>
          <dl className="ops-facts">
            <dt>Flow</dt><dd>{run.flowId} (version {run.flowVersion})</dd>
            <dt>Trigger</dt><dd>{run.kind}</dd>
            <dt>Started</dt><dd>{formatTime(run.startedAt)}</dd>
            <dt>Duration</dt><dd>{formatDuration(run.durationMs)}</dd>
            <dt>Messages</dt><dd>{plural(run.counts.received, 'received', 'received')}, {run.counts.processed.toLocaleString()} processed, {run.counts.pending.toLocaleString()} pending, {run.counts.dead.toLocaleString()} dead</dd>
          </dl>
          {run.replayOf !== undefined && (
            <p>Replays the dead letters of <button type="button" className="ops-link" onClick={() => onOpenRun(run.replayOf ?? '')} aria-label={`Open replayed run ${run.replayOf}`}>{shortId(run.replayOf)}</button></p>
          )}
          {detail.replays.length > 0 && (
            <div>
              <p className="ops-subtitle">Replayed in</p>
              <ul className="ops-inline-list" aria-label="Replays of this run">
                {detail.replays.map((replay) => (
                  <li key={replay.runId}>
                    <button type="button" className="ops-link" onClick={() => onOpenRun(replay.runId)} aria-label={`Open replay ${replay.runId}`}>{shortId(replay.runId)}</button>
                    {' '}<span className={`ops-status ops-status-${replay.status}`}>{statusLabels[replay.status]}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table className="ops-table" aria-label="Steps per node">
            <thead>
              <tr><th scope="col">Node</th><th scope="col">Steps</th><th scope="col">Errors</th><th scope="col">Average</th><th scope="col">Slowest</th><th scope="col"><span className="visually-hidden">Messages</span></th></tr>
            </thead>
            <tbody>
              {detail.nodes.map((node) => (
                <tr key={node.nodeId} className={node.nodeId === nodeId ? 'ops-row-open' : undefined}>
                  <th scope="row">{node.nodeId}</th>
                  <td className="ops-num">{node.steps.toLocaleString()}</td>
                  <td className={`ops-num${node.errors > 0 ? ' ops-dead' : ''}`}>{node.errors.toLocaleString()}</td>
                  <td className="ops-num">{formatDuration(node.avgMs)}</td>
                  <td className="ops-num">{formatDuration(node.maxMs)}</td>
                  <td><button type="button" className="ops-link" onClick={() => setNodeId(node.nodeId)} aria-label={`Messages at ${node.nodeId}`}>Messages</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.nodes.length === 0 && <p className="ops-muted">No step recorded (yet).</p>}
          {detail.deadLetters.length > 0 && (
            <ul className="ops-inline-list" aria-label="Dead letters of this run">
              {detail.deadLetters.map((group) => (
                <li key={`${group.nodeId} ${group.errorCode}`} className="ops-dead">{plural(group.count, 'dead letter')} at {group.nodeId}: {group.errorCode}</li>
              ))}
            </ul>
          )}
          {nodeId !== undefined && <RunMessages key={nodeId} client={client} runId={runId} nodeId={nodeId} selected={messageId} onSelect={setMessageId} />}
          {messageId !== undefined && <MessagePathView key={messageId} client={client} runId={runId} flowId={run.flowId} messageId={messageId} {...(onUseAsSample ? { onUseAsSample } : {})} />}
        </>
      )}
    </section>
  );
}
