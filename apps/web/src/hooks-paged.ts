import { useCallback, useEffect, useState } from 'react';
import type { Page } from './api/types';

interface Paged<T> {
  items: T[];
  /** The first page of the current key is on its way. */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * A cursor-paginated list (GET /cases, GET /referrals/inbox): the first page is loaded whenever `key` (the
 * filters) changes or `reload()` is called; `loadMore()` appends the next page.
 */
export function usePaged<T>(key: string, fetchPage: (cursor?: string) => Promise<Page<T>>): Paged<T> {
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ key: string; items: T[]; cursor: string | null; error: unknown } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const current = `${key}#${round}`;

  useEffect(() => {
    let cancelled = false;
    fetchPage().then(
      (page) => !cancelled && setState({ key: current, items: page.items, cursor: page.nextCursor, error: null }),
      (error) => !cancelled && setState((prev) => ({ key: current, items: prev?.items ?? [], cursor: null, error })),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the fetcher's inputs
  }, [current]);

  const loadMore = useCallback(() => {
    const cursor = state?.cursor;
    if (!cursor) return;
    setLoadingMore(true);
    fetchPage(cursor).then(
      (page) => {
        setState((prev) => (prev ? { ...prev, items: [...prev.items, ...page.items], cursor: page.nextCursor } : prev));
        setLoadingMore(false);
      },
      (error) => {
        setState((prev) => (prev ? { ...prev, error } : prev));
        setLoadingMore(false);
      },
    );
  }, [state?.cursor, fetchPage]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const fresh = state?.key === current;
  // While a reload of the same filters runs, the list stays; with other filters, the old results go at once.
  const sameFilters = state?.key.slice(0, state.key.lastIndexOf('#')) === key;
  return {
    items: sameFilters ? state!.items : [],
    loading: !fresh,
    loadingMore,
    error: fresh ? state?.error : null,
    hasMore: fresh && !!state?.cursor,
    loadMore,
    reload,
  };
}
