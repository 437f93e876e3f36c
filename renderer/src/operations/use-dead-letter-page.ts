// The Dead letters view's list: the first page for the filter with its counts per flow, node and
// error, more pages on demand (keyset cursor), reloaded when runs finish or letters were replayed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeadLetterGroup, DeadLetterItem } from '../../../shared/api/dead-letters.js';
import type { Params } from '../../../shared/api/contract.js';
import type { ApiClient } from '../api/client.js';

export interface DeadLetterFilters {
  flowId: string;
  nodeId: string;
  errorCode: string;
}

export const noDeadLetterFilters: DeadLetterFilters = { flowId: '', nodeId: '', errorCode: '' };

/** The filter as `dlq.page` / `dlq.replayAll` params ('' = any). */
export function filterParams(filters: DeadLetterFilters): Params<'dlq.replayAll'> {
  const params: Params<'dlq.replayAll'> = {};
  if (filters.flowId !== '') params.flowId = filters.flowId;
  if (filters.nodeId !== '') params.nodeId = filters.nodeId;
  if (filters.errorCode !== '') params.errorCode = filters.errorCode;
  return params;
}

export interface DeadLetterList {
  letters: DeadLetterItem[];
  groups: DeadLetterGroup[];
  total: number;
  loading: boolean;
  error?: string;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function useDeadLetterPage(client: ApiClient, filters: DeadLetterFilters): DeadLetterList {
  const [state, setState] = useState<{ letters: DeadLetterItem[]; groups: DeadLetterGroup[]; total: number; cursor?: string; loading: boolean; error?: string }>({
    letters: [], groups: [], total: 0, loading: true,
  });
  const generation = useRef(0);
  const load = useCallback((cursor?: string) => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    client.send('dlq.page', { ...filterParams(filters), limit: 100, ...(cursor === undefined ? {} : { cursor }) }).then((page) => {
      if (mine !== generation.current) return;
      setState((previous) => ({
        letters: cursor === undefined ? page.letters : [...previous.letters, ...page.letters],
        groups: page.groups,
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
    letters: state.letters,
    groups: state.groups,
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
