// The Runs view (issue "Operate in the designer"): every run of the workspace, newest first, filtered by
// flow, status, time range or a run/message id, paged 100 at a time; it reloads while runs start,
// progress and finish. Opening a run shows its details beside the list (./run-detail.tsx).
import { useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { RunDetail } from './run-detail.js';
import { noRunFilters, RUN_PAGE_SIZE, timeRanges, type RunFilters, type TimeRange } from './run-filters.js';
import { PayloadSearch } from './payload-search.js';
import { RunsTable } from './runs-table.js';
import { statusLabels, plural } from './format.js';
import { useFlowIds } from './use-flow-ids.js';
import { useLiveRefresh } from './use-live-refresh.js';
import { useRunPage } from './use-run-page.js';
import type { RunStatus } from '../../../shared/runs.js';

export interface RunsViewProps {
  client: ApiClient;
  /** A run to open at once (from the Dead letters view's "Open run"). */
  initialRunId?: string;
  /** Opens the run's flow on the canvas with this run's per-node counts and payloads. */
  onShowOnCanvas?: (flowId: string, runId: string) => void;
  /** Copies a payload a node received in a run into that node's samples. */
  onUseAsSample?: (flowId: string, nodeId: string, payload: unknown) => void;
  /** Shows the run's log in the Logs view. */
  onOpenLogs?: (runId: string) => void;
}

export function RunsView({ client, initialRunId, onShowOnCanvas, onUseAsSample, onOpenLogs }: RunsViewProps) {
  const [filters, setFilters] = useState<RunFilters>(noRunFilters);
  const [search, setSearch] = useState('');
  const [openRunId, setOpenRunId] = useState<string | undefined>(initialRunId);
  const [detailVersion, setDetailVersion] = useState(0);
  const flowIds = useFlowIds(client);
  const list = useRunPage(client, filters);
  const [newer, setNewer] = useState(false);
  useLiveRefresh(client, () => {
    // Reloading would drop the pages the user loaded further down: they are told instead.
    if (list.items.length <= RUN_PAGE_SIZE) list.reload();
    else setNewer(true);
    setDetailVersion((version) => version + 1);
  }, (event) => event.type === 'run.started' || event.type === 'run.finished' || event.type === 'run.progress');
  const set = <K extends keyof RunFilters>(key: K, value: RunFilters[K]) => setFilters((previous) => ({ ...previous, [key]: value }));
  const statuses = useMemo(() => Object.entries(statusLabels) as Array<[RunStatus, string]>, []);

  return (
    <section className="ops-view" aria-label="Runs">
      <div className="ops-list-column">
        <form className="ops-filters" aria-label="Run filters" onSubmit={(event) => {
          event.preventDefault();
          set('search', search);
        }}>
          <label className="ops-field">
            <span>Flow</span>
            <select className="input" value={filters.flowId} onChange={(event) => set('flowId', event.target.value)}>
              <option value="">All flows</option>
              {flowIds.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Status</span>
            <select className="input" value={filters.status} onChange={(event) => set('status', event.target.value as RunFilters['status'])}>
              <option value="">Any status</option>
              {statuses.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Started</span>
            <select className="input" value={filters.range} onChange={(event) => set('range', event.target.value as TimeRange)}>
              {timeRanges.map((range) => <option key={range.value} value={range.value}>{range.label}</option>)}
            </select>
          </label>
          {filters.range === 'custom' && (
            <>
              <label className="ops-field">
                <span>From</span>
                <input className="input" type="datetime-local" value={filters.from} onChange={(event) => set('from', event.target.value)} />
              </label>
              <label className="ops-field">
                <span>Before</span>
                <input className="input" type="datetime-local" value={filters.before} onChange={(event) => set('before', event.target.value)} />
              </label>
            </>
          )}
          <label className="ops-field ops-field-grow">
            <span>Run or message id</span>
            <input className="input" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="r… or r….1.1/0" />
          </label>
          <button type="submit" className="button">Search</button>
        </form>
        <PayloadSearch client={client} openRunId={openRunId} onOpen={setOpenRunId} />
        <p className="ops-count" role="status">
          {list.error ? <span className="ops-error">Could not load the runs: {list.error}</span> : list.loading && list.items.length === 0 ? 'Loading runs…' : `${plural(list.total, 'run')}${list.items.length < list.total ? `, showing ${list.items.length.toLocaleString()}` : ''}`}
        </p>
        {newer && (
          <button type="button" className="button" onClick={() => {
            setNewer(false);
            list.reload();
          }}>Runs changed: show the newest</button>
        )}
        <RunsTable runs={list.items} openRunId={openRunId} onOpen={setOpenRunId} />
        {list.hasMore && (
          <button type="button" className="button ops-more" onClick={list.loadMore} disabled={list.loading}>Load more runs</button>
        )}
      </div>
      {openRunId !== undefined && (
        <RunDetail
          key={openRunId}
          client={client}
          runId={openRunId}
          version={detailVersion}
          onOpenRun={setOpenRunId}
          onClose={() => setOpenRunId(undefined)}
          {...(onShowOnCanvas ? { onShowOnCanvas } : {})}
          {...(onUseAsSample ? { onUseAsSample } : {})}
          {...(onOpenLogs ? { onOpenLogs } : {})}
        />
      )}
    </section>
  );
}
