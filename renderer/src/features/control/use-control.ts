import { useEffect } from 'react';
import type { ControlOverview } from '../../../../shared/contract/control-methods';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/**
 * The control overview (link, commands, leases, at-risk), refetched on `control.changed`. With
 * `minGapMs`, refetches start at most that often: the first change after a quiet spell is fetched at
 * once, the rest of a burst in one fetch when the gap is over. For views that show a little of it
 * on every page: bulk sends fire the event 4×/s, and each answer carries every lease.
 */
export function useControlOverview(minGapMs = 0): ApiQuery<ControlOverview> {
  const api = useApi();
  const query = useApiQuery((a) => a.control.overview());
  const { reload } = query;
  useEffect(() => {
    if (minGapMs <= 0) return api.on('control.changed', () => reload());
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('control.changed', () => {
      timer ??= setTimeout(
        () => {
          timer = undefined;
          last = Date.now();
          reload();
        },
        Math.max(0, last + minGapMs - Date.now()),
      );
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, reload, minGapMs]);
  return query;
}
