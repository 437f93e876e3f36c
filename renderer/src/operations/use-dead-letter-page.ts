// The Dead letters view's list: pages of 100 letters for the filter (./use-keyset-page.ts), each
// with the counts per flow, node and error of everything the filter matches.
import { useCallback } from 'react';
import type { DeadLetterItem, DeadLetterPage } from '../../../shared/api/dead-letters.js';
import type { Params } from '../../../shared/api/contract.js';
import type { ApiClient } from '../api/client.js';
import { useKeysetPage, type PagedList } from './use-keyset-page.js';

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

export type DeadLetterList = PagedList<DeadLetterItem, DeadLetterPage>;

const lettersOf = (page: DeadLetterPage): DeadLetterItem[] => page.letters;

export function useDeadLetterPage(client: ApiClient, filters: DeadLetterFilters): DeadLetterList {
  const read = useCallback((cursor?: string) => client.send('dlq.page', { ...filterParams(filters), limit: 100, ...(cursor === undefined ? {} : { cursor }) }), [client, filters]);
  return useKeysetPage(read, lettersOf);
}
