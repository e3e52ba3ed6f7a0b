import { useCallback, useEffect, useState } from 'react';
import type { ActivityFilter, ActivityPage, ActivityRow } from '../../../../shared/contract/activity-methods';
import { useApi, useOnReconnect } from '../../api';
import { useLoadMore, type LoadMore } from './use-load-more';

export type ActivityState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | {
      kind: 'ready';
      /** Newest first: the first page plus every older page loaded since. */
      rows: ActivityRow[];
      total: number;
      nextCursor: number | null;
      unreadable: number;
    };

export interface Activity extends LoadMore {
  state: ActivityState;
  reload(): void;
}

const PAGE = 100;

/**
 * The journal entries `filter` matches, a page at a time. When the core says entries arrived,
 * the newest page is fetched again and what is new goes on top; the older pages already loaded
 * stay (their cursor does not move when entries arrive). A change of filter starts over, and an
 * answer for an earlier filter is dropped.
 */
export function useActivity(filter: ActivityFilter): Activity {
  const api = useApi();
  const [state, setState] = useState<ActivityState>({ kind: 'loading' });
  const key = JSON.stringify(filter);
  const more = useLoadMore({
    state,
    setState,
    cursorOf: (s) => (s.kind === 'ready' ? s.nextCursor : null),
    fetchOlder: (cursor) =>
      api.activity.query({ filter: JSON.parse(key) as ActivityFilter, cursor, limit: PAGE }),
    append: (prev, page: ActivityPage) => {
      if (prev.kind !== 'ready') return prev;
      const last = prev.rows.at(-1)?.seq ?? Infinity;
      const older = page.rows.filter((r) => r.seq < last);
      return { ...prev, rows: [...prev.rows, ...older], nextCursor: page.nextCursor };
    },
  });
  const { generation, reset } = more;

  const refreshNewest = useCallback(() => {
    const mine = generation.current;
    const request = { filter: JSON.parse(key) as ActivityFilter, limit: PAGE };
    void api.activity.query(request).then((result) => {
      if (mine !== generation.current) return;
      if (!result.ok) {
        // Keep what is shown when a refresh fails; say so only when there is nothing.
        setState((prev) =>
          prev.kind === 'ready' ? prev : { kind: 'failed', message: result.error.message },
        );
        return;
      }
      const page = result.value;
      setState((prev) => {
        const top = prev.kind === 'ready' ? (prev.rows[0]?.seq ?? 0) : undefined;
        const fresh = { kind: 'ready' as const, unreadable: page.unreadable, total: page.total };
        if (prev.kind !== 'ready' || top === undefined)
          return { ...fresh, rows: page.rows, nextCursor: page.nextCursor };
        const newer = page.rows.filter((r) => r.seq > top);
        // More arrived than one page holds: the loaded pages no longer join up with the newest, start over.
        if (newer.length === page.rows.length && page.nextCursor !== null && prev.rows.length > 0)
          return { ...fresh, rows: page.rows, nextCursor: page.nextCursor };
        return { ...fresh, rows: [...newer, ...prev.rows], nextCursor: prev.nextCursor };
      });
    });
  }, [api, key, generation]);

  const reload = useCallback(() => {
    reset();
    setState({ kind: 'loading' });
    refreshNewest();
  }, [refreshNewest, reset]);

  useEffect(reload, [reload]);
  useEffect(() => api.on('activity.changed', () => refreshNewest()), [api, refreshNewest]);
  useOnReconnect(refreshNewest);

  return { state, loadMore: more.loadMore, loadingMore: more.loadingMore, moreError: more.moreError, reload };
}
