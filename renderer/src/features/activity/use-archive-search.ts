import { useCallback, useEffect, useState } from 'react';
import type { ActivityFilter, ArchiveSearchPage } from '../../../../shared/contract/activity-methods';
import { useApi } from '../../api';
import { useLoadMore, type LoadMore } from './use-load-more';

export type ArchiveSearchState =
  { kind: 'loading' } | { kind: 'failed'; message: string } | ({ kind: 'ready' } & ArchiveSearchPage);

/** `loadMore` searches further back from where the last answer stopped, adding what it finds below. */
export interface ArchiveSearch extends LoadMore {
  state: ArchiveSearchState;
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
  const key = JSON.stringify(filter);
  const more = useLoadMore({
    state,
    setState,
    cursorOf: (s) => (s.kind === 'ready' ? s.nextCursor : null),
    fetchOlder: (cursor) =>
      api.activity.searchArchive({ filter: JSON.parse(key) as ActivityFilter, cursor, limit: PAGE }),
    append: (prev, page: ArchiveSearchPage): ArchiveSearchState => {
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
    },
  });
  const { generation, reset } = more;

  const search = useCallback(() => {
    reset();
    const mine = generation.current;
    setState({ kind: 'loading' });
    const request = { filter: JSON.parse(key) as ActivityFilter, limit: PAGE };
    void api.activity.searchArchive(request).then((result) => {
      if (mine !== generation.current) return;
      setState(
        result.ok ? { kind: 'ready', ...result.value } : { kind: 'failed', message: result.error.message },
      );
    });
  }, [api, key, generation, reset]);

  useEffect(() => {
    search();
    return () => void ++generation.current;
  }, [search, generation]);

  return {
    state,
    loadMore: more.loadMore,
    loadingMore: more.loadingMore,
    moreError: more.moreError,
    reload: search,
  };
}
