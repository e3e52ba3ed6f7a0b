import { useEffect, useRef } from 'react';
import type { RolloutDetail, RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/**
 * Refetches on the core's batched `control.changed` (at most 4 a second), which fires for every
 * rollout change: the grid stays live without polling.
 */
function useRefetchOnControl(reload: () => void): void {
  const api = useApi();
  useEffect(() => api.on('control.changed', () => reload()), [api, reload]);
}

/** The rollouts of this session, newest first. */
export function useRollouts(): ApiQuery<RolloutSummary[]> {
  const query = useApiQuery((a) => a.rollout.list());
  useRefetchOnControl(query.reload);
  return query;
}

/**
 * One rollout with its per-target grid, fetched again only when its `revision` (from the list)
 * moves: the grid of a big rollout is megabytes, and `control.changed` also fires for every lease
 * refresh. What is shown stays on screen while the new grid loads.
 */
export function useRollout(rolloutId: string, revision: string): ApiQuery<RolloutDetail> {
  const query = useApiQuery((a) => a.rollout.get({ rolloutId }), rolloutId);
  const { reload } = query;
  const first = useRef(true);
  useEffect(() => {
    // The first fetch is the query's own (on mount and per rollout id).
    if (first.current) first.current = false;
    else reload();
  }, [reload, revision]);
  return query;
}
