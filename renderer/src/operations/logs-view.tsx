// The Logs view: one run's log lines (output.log nodes, node log calls, engine notices), by default the
// open flow's live run while it is live, else its newest run, following the newest run as runs start
// until the user picks one. Filtered by level, node and text; new lines follow at the bottom
// (./log-lines.tsx), and a line's node opens the flow with that node selected.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunListItem } from '../../../shared/api/runs.js';
import type { LogLevel } from '../../../shared/runs.js';
import type { ApiClient } from '../api/client.js';
import { formatTime, plural, shortId, statusLabels } from './format.js';
import { filterLog, levelChoices, logNodes, noLogFilter, type LogFilter } from './log-filter.js';
import { LogLines } from './log-lines.js';
import { useFlowIds } from './use-flow-ids.js';
import { useLiveRefresh } from './use-live-refresh.js';
import { defaultLogRun, firstSightOfRun, useLogRuns } from './use-log-runs.js';
import { useRunLog } from './use-run-log.js';

export interface LogsViewProps {
  client: ApiClient;
  /** A run to show at once (a run's "Logs" in the Runs view). */
  initialRunId?: string;
  /** The flow open in the designer: its runs are offered first. */
  openFlowId?: string;
  /** Opens the flow with the node selected on the canvas. */
  onShowNode?: (flowId: string, nodeId: string) => void;
}

export function LogsView({ client, initialRunId, openFlowId, onShowNode }: LogsViewProps) {
  const [flowId, setFlowId] = useState(initialRunId === undefined ? (openFlowId ?? '') : '');
  /** Undefined: the newest run (or the live one), which changes as runs start. */
  const [picked, setPicked] = useState<string | undefined>(initialRunId);
  const [filter, setFilter] = useState<LogFilter>(noLogFilter);
  // A flow saved since the view opened shows up once it runs (a live flow goes live on save).
  const [flowsVersion, setFlowsVersion] = useState(0);
  const [isNewRun] = useState(firstSightOfRun);
  useLiveRefresh(client, useCallback(() => setFlowsVersion((n) => n + 1), []), isNewRun);
  const flowIds = useFlowIds(client, flowsVersion);
  const choices = useLogRuns(client, flowId);
  const pickedItem = usePickedRun(client, picked, choices.runs);
  const run = picked === undefined ? defaultLogRun(choices.runs) : pickedItem;
  const runId = picked ?? run?.runId;
  const log = useRunLog(client, runId, run?.status === 'running');
  const visible = useMemo(() => filterLog(log.lines, filter), [log.lines, filter]);
  const nodes = useMemo(() => {
    const seen = logNodes(log.lines);
    return filter.nodeId !== '' && !seen.includes(filter.nodeId) ? [...seen, filter.nodeId].sort() : seen;
  }, [log.lines, filter.nodeId]);
  const set = <K extends keyof LogFilter>(key: K, value: LogFilter[K]) => setFilter((previous) => ({ ...previous, [key]: value }));
  const runOptions = pickedItem && !choices.runs.some((item) => item.runId === pickedItem.runId) ? [pickedItem, ...choices.runs] : choices.runs;

  return (
    <section className="ops-view ops-logs" aria-label="Logs">
      <div className="ops-list-column">
        <form className="ops-filters" aria-label="Log filters" onSubmit={(event) => event.preventDefault()}>
          <label className="ops-field">
            <span>Flow</span>
            <select className="input" value={flowId} onChange={(event) => {
              setFlowId(event.target.value);
              setPicked(undefined);
            }}>
              <option value="">All flows</option>
              {flowIds.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Run</span>
            <select className="input" value={picked ?? ''} onChange={(event) => setPicked(event.target.value === '' ? undefined : event.target.value)}>
              <option value="">{defaultLogRun(choices.runs)?.kind === 'live' ? 'Live run (newest)' : 'Newest run'}</option>
              {runOptions.map((item) => <option key={item.runId} value={item.runId}>{runLabel(item, flowId === '')}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Level</span>
            <select className="input" value={filter.minLevel} onChange={(event) => set('minLevel', event.target.value as LogLevel)}>
              {levelChoices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Node</span>
            <select className="input" value={filter.nodeId} onChange={(event) => set('nodeId', event.target.value)}>
              <option value="">All nodes</option>
              {nodes.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
          </label>
          <label className="ops-field ops-field-grow">
            <span>Search</span>
            <input className="input" type="search" value={filter.text} onChange={(event) => set('text', event.target.value)} placeholder="Text in the message or node id" />
          </label>
        </form>
        <p className="ops-count" role="status">{statusText(run, runId, choices.loaded, choices.error, log, visible.length)}</p>
        {log.hasEarlier && <button type="button" className="button ops-more" onClick={log.loadEarlier} disabled={log.loading}>Load earlier lines</button>}
        {runId !== undefined && (
          <LogLines key={runId} lines={visible} {...(onShowNode && run ? { onShowNode: (nodeId: string) => onShowNode(run.flowId, nodeId) } : {})} />
        )}
      </div>
    </section>
  );
}

/** A run picked that is not among the newest offered (opened from an older run's details): read on its own. */
function usePickedRun(client: ApiClient, runId: string | undefined, offered: readonly RunListItem[]): RunListItem | undefined {
  const [item, setItem] = useState<RunListItem>();
  const inList = offered.find((run) => run.runId === runId);
  useEffect(() => {
    if (runId === undefined || inList) return;
    let live = true;
    client.send('runs.page', { search: runId, limit: 1 }).then((page) => live && setItem(page.runs.find((run) => run.runId === runId)), () => undefined);
    return () => {
      live = false;
    };
  }, [client, runId, inList]);
  return inList ?? (item?.runId === runId ? item : undefined);
}

function runLabel(run: RunListItem, withFlow: boolean): string {
  return `${shortId(run.runId)}${withFlow ? ` · ${run.flowId}` : ''} · ${run.kind} · ${statusLabels[run.status]} · ${formatTime(run.startedAt)}`;
}

function statusText(run: RunListItem | undefined, runId: string | undefined, loaded: boolean, listError: string | undefined, log: { loading: boolean; error?: string; lines: readonly unknown[] }, shown: number): string {
  if (listError !== undefined) return `Could not load the runs: ${listError}`;
  if (runId === undefined) return loaded ? 'No run yet: run the flow to see its log here.' : 'Loading runs…';
  if (log.error !== undefined) return `Could not load the log of run ${runId}: ${log.error}`;
  if (log.loading && log.lines.length === 0) return 'Loading the log…';
  const of = run ? `Run ${shortId(run.runId)} of ${run.flowId}, ${statusLabels[run.status].toLowerCase()}${run.status === 'running' ? ' (new lines appear as they are written)' : ''}` : `Run ${shortId(runId)}`;
  const count = log.lines.length === 0 ? 'no log lines yet' : shown === log.lines.length ? plural(shown, 'line') : `${shown.toLocaleString()} of ${plural(log.lines.length, 'line')} match`;
  return `${of}: ${count}.`;
}
