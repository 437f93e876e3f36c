// The Dead letters view (issue "Operate in the designer"): every dead letter not yet replayed or
// discarded, newest first, with its flow, node, error (code, HTTP status, message) and attempts,
// counted per flow, node and error; filtered by any of them. Replay one, a selection or all of the
// filter (with a confirmation naming how many, and progress while it runs), discard with a
// confirmation; one letter opens beside the list to see its payload and history and edit it.
import { useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ChoiceDialog } from '../flows/flow-dialog.js';
import { DeadLetterDetailView } from './dead-letter-detail.js';
import { useDeadLetterChanges } from './dead-letter-watch.js';
import { DeadLettersTable } from './dead-letters-table.js';
import { plural } from './format.js';
import { filterParams, noDeadLetterFilters, useDeadLetterPage, type DeadLetterFilters } from './use-dead-letter-page.js';
import { useFlowIds } from './use-flow-ids.js';
import { useReplayProgress } from './use-replay-progress.js';

type Pending = { action: 'replay-all'; count: number } | { action: 'replay'; ids: string[] } | { action: 'discard'; ids: string[] };

export function DeadLettersView({ client, onOpenRun }: { client: ApiClient; onOpenRun: (runId: string) => void }) {
  const [filters, setFilters] = useState<DeadLetterFilters>(noDeadLetterFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const [outcome, setOutcome] = useState<{ text: string; error?: boolean }>();
  const flowIds = useFlowIds(client);
  const list = useDeadLetterPage(client, filters);
  const replay = useReplayProgress(client);
  // Created, replayed, edited or discarded — here, by a live flow, or by the CLI in another process
  // (./dead-letter-watch.ts). Only the first page reloads by itself: pages loaded further down stay
  // until the next filter change.
  useDeadLetterChanges(client, () => {
    if (list.items.length <= 100) list.reload();
  });
  const groups = useMemo(() => list.page?.groups ?? [], [list.page]);
  const nodes = useMemo(() => [...new Set(groups.map((group) => group.nodeId))].sort(), [groups]);
  const codes = useMemo(() => [...new Set(groups.map((group) => group.errorCode))].sort(), [groups]);
  const busy = replay.progress !== undefined;
  const visibleSelection = list.items.filter((letter) => selected.has(letter.id)).map((letter) => letter.id);
  const set = (key: keyof DeadLetterFilters, value: string) => {
    setFilters((previous) => ({ ...previous, [key]: value }));
    setSelected(new Set());
  };

  const run = async (action: Pending) => {
    setPending(undefined);
    setOutcome(undefined);
    try {
      if (action.action === 'discard') {
        const { discarded } = await client.send('dlq.discard', { ids: action.ids });
        setOutcome({ text: `Discarded ${plural(discarded, 'dead letter')}.` });
      } else {
        replay.start(action.action === 'replay-all' ? action.count : action.ids.length);
        const result = action.action === 'replay-all' ? await client.send('dlq.replayAll', filterParams(filters)) : await client.send('dlq.replay', { ids: action.ids });
        const dead = result.reports.reduce((sum, report) => sum + report.counts.dead, 0);
        const count = action.action === 'replay-all' ? action.count : action.ids.length;
        setOutcome(dead === 0 ? { text: `Replayed ${plural(count, 'dead letter')}: all delivered.` } : { text: `Replayed ${plural(count, 'dead letter')}: ${plural(dead, 'message')} failed again.`, error: true });
      }
    } catch (error) {
      setOutcome({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      replay.end();
      setSelected(new Set());
      list.reload();
    }
  };

  return (
    <section className="ops-view" aria-label="Dead letters">
      <div className="ops-list-column">
        <form className="ops-filters" aria-label="Dead letter filters" onSubmit={(event) => event.preventDefault()}>
          <label className="ops-field">
            <span>Flow</span>
            <select className="input" value={filters.flowId} onChange={(event) => set('flowId', event.target.value)}>
              <option value="">All flows</option>
              {flowIds.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Node</span>
            <select className="input" value={filters.nodeId} onChange={(event) => set('nodeId', event.target.value)}>
              <option value="">All nodes</option>
              {nodes.map((id) => <option key={id} value={id}>{id}</option>)}
            </select>
          </label>
          <label className="ops-field">
            <span>Error</span>
            <select className="input" value={filters.errorCode} onChange={(event) => set('errorCode', event.target.value)}>
              <option value="">All errors</option>
              {codes.map((code) => <option key={code} value={code}>{code}</option>)}
            </select>
          </label>
        </form>
        {groups.length > 0 && (
          <ul className="ops-groups" aria-label="Dead letters by flow, node and error">
            {groups.map((group) => (
              <li key={`${group.flowId} ${group.nodeId} ${group.errorCode}`}>
                <button type="button" className="ops-link" onClick={() => setFilters({ flowId: group.flowId, nodeId: group.nodeId, errorCode: group.errorCode })}>
                  {group.flowId} › {group.nodeId}: {group.errorCode}
                </button>
                <span className="ops-badge">{group.count.toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="ops-actions">
          <button type="button" className="button primary" disabled={busy || list.total === 0} onClick={() => setPending({ action: 'replay-all', count: list.total })}>Replay all</button>
          <button type="button" className="button" disabled={busy || visibleSelection.length === 0} onClick={() => setPending({ action: 'replay', ids: visibleSelection })}>Replay selected</button>
          <button type="button" className="button" disabled={busy || visibleSelection.length === 0} onClick={() => setPending({ action: 'discard', ids: visibleSelection })}>Discard selected</button>
        </div>
        <p className="ops-count" role="status">
          {replay.progress
            ? `Replaying ${plural(replay.progress.total, 'dead letter')}… ${replay.progress.processed.toLocaleString()} processed, ${replay.progress.dead.toLocaleString()} dead again`
            : list.error ? <span className="ops-error">Could not load the dead letters: {list.error}</span>
            : list.loading && list.items.length === 0 ? 'Loading dead letters…'
            : list.total === 0 ? 'No dead letters.' : `${plural(list.total, 'dead letter')}${list.items.length < list.total ? `, showing ${list.items.length.toLocaleString()}` : ''}`}
        </p>
        {outcome && <p className={outcome.error ? 'ops-error' : 'ops-ok'} role={outcome.error ? 'alert' : 'status'}>{outcome.text}</p>}
        <DeadLettersTable letters={list.items} selected={selected} onSelect={setSelected} openId={openId} onOpen={setOpenId} />
        {list.hasMore && <button type="button" className="button ops-more" onClick={list.loadMore} disabled={list.loading}>Load more dead letters</button>}
      </div>
      {openId !== undefined && (
        <DeadLetterDetailView
          key={openId}
          client={client}
          id={openId}
          busy={busy}
          onReplay={() => setPending({ action: 'replay', ids: [openId] })}
          onDiscard={() => setPending({ action: 'discard', ids: [openId] })}
          onOpenRun={onOpenRun}
          onClose={() => setOpenId(undefined)}
          onEdited={list.reload}
        />
      )}
      {pending && <ConfirmDialog pending={pending} onAnswer={(yes) => (yes ? void run(pending) : setPending(undefined))} />}
    </section>
  );
}

function ConfirmDialog({ pending, onAnswer }: { pending: Pending; onAnswer: (yes: boolean) => void }) {
  const count = pending.action === 'replay-all' ? pending.count : pending.ids.length;
  const letters = plural(count, 'dead letter');
  const discard = pending.action === 'discard';
  return (
    <ChoiceDialog
      title={discard ? `Discard ${letters}?` : `Replay ${letters}?`}
      message={discard
        ? 'Discarded dead letters are deleted for good and cannot be replayed.'
        : 'They are sent again through the current saved version of their flow, starting at the node where they failed. Each flow\'s replay is a run of its own, linked to the run that failed.'}
      choices={[{ label: discard ? `Discard ${count.toLocaleString()}` : `Replay ${count.toLocaleString()}`, value: true, kind: discard ? 'danger' : 'primary' }]}
      cancel={false}
      onChoose={onAnswer}
    />
  );
}
