// One paged list of an operations view (Runs, Dead letters): the first page for the current query,
// more pages on demand through the keyset cursor each page hands out, and a reload of the first page
// (live updates). Answers to an older request (the query changed meanwhile) are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';

/** What every paged read of the contract answers with (`runs.page`, `dlq.page`). */
export interface KeysetPage {
  total: number;
  nextCursor?: string;
}

export interface PagedList<Item, Page extends KeysetPage> {
  items: Item[];
  /** The last page read (for what comes with it besides the items, like the dead letters' groups). */
  page?: Page;
  total: number;
  loading: boolean;
  error?: string;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

interface PagedState<Item, Page> {
  items: Item[];
  page?: Page;
  cursor?: string;
  loading: boolean;
  error?: string;
}

/**
 * `read` fetches one page (the first without a cursor); a new `read` (another query: memoise it on the
 * query) starts over from the first page. `itemsOf` picks the page's rows.
 */
export function useKeysetPage<Item, Page extends KeysetPage>(read: (cursor?: string) => Promise<Page>, itemsOf: (page: Page) => Item[]): PagedList<Item, Page> {
  const [state, setState] = useState<PagedState<Item, Page>>({ items: [], loading: true });
  const generation = useRef(0);
  const pick = useRef(itemsOf);
  pick.current = itemsOf;

  const load = useCallback((cursor?: string) => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    read(cursor).then((page) => {
      if (mine !== generation.current) return;
      setState((previous) => ({
        items: cursor === undefined ? pick.current(page) : [...previous.items, ...pick.current(page)],
        page,
        ...(page.nextCursor === undefined ? {} : { cursor: page.nextCursor }),
        loading: false,
      }));
    }, (error: unknown) => {
      if (mine !== generation.current) return;
      setState((previous) => ({ ...previous, loading: false, error: error instanceof Error ? error.message : String(error) }));
    });
  }, [read]);

  useEffect(() => load(), [load]);

  return {
    items: state.items,
    ...(state.page === undefined ? {} : { page: state.page }),
    total: state.page?.total ?? 0,
    loading: state.loading,
    ...(state.error === undefined ? {} : { error: state.error }),
    hasMore: state.cursor !== undefined,
    loadMore: () => {
      if (state.cursor !== undefined) load(state.cursor);
    },
    reload: () => load(),
  };
}
