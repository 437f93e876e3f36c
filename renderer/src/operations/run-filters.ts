// The Runs view's filters as the form holds them, and the `runs.page` params they mean.
import type { Params } from '../../../shared/api/contract.js';
import type { RunStatus } from '../../../shared/runs.js';

export type TimeRange = 'all' | '1h' | '24h' | '7d' | 'custom';

export interface RunFilters {
  /** '' = every flow. */
  flowId: string;
  status: '' | RunStatus;
  range: TimeRange;
  /** A run id or a message id; '' = none. */
  search: string;
  /** With range `custom`: local date-times as a datetime-local input gives them ('' = open). */
  from: string;
  before: string;
}

export const noRunFilters: RunFilters = { flowId: '', status: '', range: 'all', search: '', from: '', before: '' };

export const timeRanges: Array<{ value: TimeRange; label: string }> = [
  { value: 'all', label: 'Any time' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'custom', label: 'Between…' },
];

const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

/** Runs per page: enough to fill the table, few enough to render at once. */
export const RUN_PAGE_SIZE = 100;

export function runPageParams(filters: RunFilters, now: number, cursor?: string): Params<'runs.page'> {
  const params: Params<'runs.page'> = { limit: RUN_PAGE_SIZE };
  if (filters.flowId !== '') params.flowId = filters.flowId;
  if (filters.status !== '') params.statuses = [filters.status];
  if (filters.range === 'custom') {
    // datetime-local values are local times without a zone: Date reads them as such.
    if (filters.from !== '' && !Number.isNaN(Date.parse(filters.from))) params.from = new Date(filters.from).toISOString();
    if (filters.before !== '' && !Number.isNaN(Date.parse(filters.before))) params.before = new Date(filters.before).toISOString();
  } else if (filters.range !== 'all') {
    params.from = new Date(now - RANGE_MS[filters.range]).toISOString();
  }
  if (filters.search.trim() !== '') params.search = filters.search.trim();
  if (cursor !== undefined) params.cursor = cursor;
  return params;
}
