import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityFilter, ArchiveSearchPage } from '../../../../shared/contract/activity-methods';
import { useApi } from '../../api';

export type ArchiveSearchState =
  { kind: 'loading' } | { kind: 'failed'; message: string } | ({ kind: 'ready' } & ArchiveSearchPage);

export interface ArchiveSearch {
  state: ArchiveSearchState;
  /** Searches further back from where the last answer stopped, adding what it finds below. */
  loadMore(): void;
  loadingMore: boolean;
  moreError: string | undefined;
  reload(): void;
}

const PAGE = 100;

/**
 * The archived journal entries `filter` matches, newest first. The core reads a few archived files
 * per request, so each answer says how far back it searched; `loadMore` goes on from there. A
 * change of filter starts over, and an answer for an earlier filter is dropped. The archive only
 * grows at its newest end while the page is open, so there is nothing to follow live.
 */
export function useArchiveSearch(filter: ActivityFilter): ArchiveSearch {
  const api = useApi();
  const [state, setState] = useState<ArchiveSearchState>({ kind: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const key = JSON.stringify(filter);
  const generation = useRef(0);
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  });

  const search = useCallback(() => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    setMoreError(undefined);
    setLoadingMore(false);
    void api.activity
      .searchArchive({ filter: JSON.parse(key) as ActivityFilter, limit: PAGE })
      .then((result) => {
        if (mine !== generation.current) return;
        setState(
          result.ok ? { kind: 'ready', ...result.value } : { kind: 'failed', message: result.error.message },
        );
      });
  }, [api, key]);

  useEffect(() => {
    search();
    return () => void ++generation.current;
  }, [search]);

  const loadMore = useCallback(() => {
    const now = current.current;
    if (now.kind !== 'ready' || now.nextCursor === null) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    const request = { filter: JSON.parse(key) as ActivityFilter, cursor: now.nextCursor, limit: PAGE };
    void api.activity.searchArchive(request).then((result) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!result.ok) return setMoreError(result.error.message);
      const page = result.value;
      setState((prev) => {
        if (prev.kind !== 'ready') return prev;
        const last = prev.rows.at(-1)?.seq ?? Infinity;
        return {
          ...page,
          kind: 'ready',
          rows: [...prev.rows, ...page.rows.filter((r) => r.seq < last)],
          searchedBackTo: page.searchedBackTo ?? prev.searchedBackTo,
          unreadable: prev.unreadable + page.unreadable,
          problems: [...prev.problems, ...page.problems],
        };
      });
    });
  }, [api, key]);

  return { state, loadMore, loadingMore, moreError, reload: search };
}
