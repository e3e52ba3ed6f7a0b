import { useEffect } from 'react';
import type { ControlOverview } from '../../../../shared/contract/control-methods';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/** The Control page's overview (link, commands, leases, at-risk), refetched on `control.changed`. */
export function useControlOverview(): ApiQuery<ControlOverview> {
  const api = useApi();
  const query = useApiQuery((a) => a.control.overview());
  const { reload } = query;
  useEffect(() => api.on('control.changed', () => reload()), [api, reload]);
  return query;
}
