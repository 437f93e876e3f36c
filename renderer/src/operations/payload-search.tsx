// Search by a value inside payloads (issue "Operate in the designer": bounded, streamed): each call of
// runs.search looks at a window of the newest steps not searched yet, so the answer comes quickly
// whatever the history holds; "Search older steps" goes on from there, adding to what was found.
import { useState } from 'react';
import type { RunListItem } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { plural } from './format.js';
import { RunsTable } from './runs-table.js';

interface SearchState {
  text: string;
  runs: RunListItem[];
  scanned: number;
  cursor?: string;
  busy: boolean;
  error?: string;
}

export function PayloadSearch({ client, openRunId, onOpen }: { client: ApiClient; openRunId: string | undefined; onOpen: (runId: string) => void }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<SearchState>();
  const run = (current: SearchState, cursor?: string) => {
    setSearch({ ...current, busy: true });
    client.send('runs.search', { text: current.text, ...(cursor === undefined ? {} : { cursor }) }).then((page) => {
      const known = new Set(current.runs.map((found) => found.runId));
      const runs = [...current.runs, ...page.runs.filter((found) => !known.has(found.runId))];
      setSearch({ text: current.text, runs, scanned: current.scanned + page.scannedSteps, ...(page.nextCursor === undefined ? {} : { cursor: page.nextCursor }), busy: false });
    }, (error: unknown) => setSearch({ ...current, busy: false, error: error instanceof Error ? error.message : String(error) }));
  };
  return (
    <section className="ops-search" aria-label="Payload search">
      <form className="ops-filters" onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() !== '') run({ text: text.trim(), runs: [], scanned: 0, busy: false });
      }}>
        <label className="ops-field ops-field-grow">
          <span>Value in payloads</span>
          <input className="input" type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder='e.g. A-1001 or "sku":"B-7"' />
        </label>
        <button type="submit" className="button" disabled={text.trim() === '' || search?.busy === true}>Search payloads</button>
        {search && <button type="button" className="button" onClick={() => setSearch(undefined)}>Clear search</button>}
      </form>
      {search && (
        <>
          <p className="ops-count" role="status">
            {search.error ? <span className="ops-error">{search.error}</span>
              : `${search.busy ? 'Searching… ' : ''}${plural(search.runs.length, 'run')} with "${search.text}" in ${plural(search.scanned, 'step')} searched${search.cursor === undefined && !search.busy ? ' (all steps)' : ''}`}
          </p>
          {search.runs.length > 0 && <RunsTable runs={search.runs} openRunId={openRunId} onOpen={onOpen} label="Payload search results" />}
          {search.cursor !== undefined && !search.busy && <button type="button" className="button ops-more" onClick={() => run(search, search.cursor)}>Search older steps</button>}
        </>
      )}
    </section>
  );
}
