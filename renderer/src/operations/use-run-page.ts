// The Runs view's list: pages of 100 runs for the current filters (./use-keyset-page.ts), so the table
// stays instant however many runs the workspace holds; the total comes with each page.
import { useCallback } from 'react';
import type { RunListItem, RunPage } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { runPageParams, type RunFilters } from './run-filters.js';
import { useKeysetPage, type PagedList } from './use-keyset-page.js';

export type RunList = PagedList<RunListItem, RunPage>;

const runsOf = (page: RunPage): RunListItem[] => page.runs;

export function useRunPage(client: ApiClient, filters: RunFilters): RunList {
  const read = useCallback((cursor?: string) => client.send('runs.page', runPageParams(filters, Date.now(), cursor)), [client, filters]);
  return useKeysetPage(read, runsOf);
}
