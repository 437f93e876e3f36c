// The Runs view's list: the first page for the current filters, more pages on demand (keyset cursor),
// and a reload of the first page when runs change (live). Pages of 100 rows keep the table instant
// however many runs the workspace holds; the total comes with each page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunListItem } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { runPageParams, type RunFilters } from './run-filters.js';

export interface RunList {
  runs: RunListItem[];
  total: number;
  loading: boolean;
  error?: string;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function useRunPage(client: ApiClient, filters: RunFilters): RunList {
  const [state, setState] = useState<{ runs: RunListItem[]; total: number; cursor?: string; loading: boolean; error?: string }>({ runs: [], total: 0, loading: true });
  // Answers to an older request (filters changed meanwhile) are dropped.
  const generation = useRef(0);

  const load = useCallback((cursor?: string) => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    client.send('runs.page', runPageParams(filters, Date.now(), cursor)).then((page) => {
      if (mine !== generation.current) return;
      setState((previous) => ({
        runs: cursor === undefined ? page.runs : [...previous.runs, ...page.runs],
        total: page.total,
        ...(page.nextCursor === undefined ? {} : { cursor: page.nextCursor }),
        loading: false,
      }));
    }, (error: unknown) => {
      if (mine !== generation.current) return;
      setState((previous) => ({ ...previous, loading: false, error: error instanceof Error ? error.message : String(error) }));
    });
  }, [client, filters]);

  useEffect(() => load(), [load]);

  return {
    runs: state.runs,
    total: state.total,
    loading: state.loading,
    ...(state.error === undefined ? {} : { error: state.error }),
    hasMore: state.cursor !== undefined,
    loadMore: () => {
      if (state.cursor !== undefined) load(state.cursor);
    },
    reload: () => load(),
  };
}
