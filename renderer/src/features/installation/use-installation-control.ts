import { useEffect } from 'react';
import type { InstallationControl } from '../../../../shared/contract/control-methods';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/** One installation's lease and commands, refetched on the core's batched `control.changed`. */
export function useInstallationControl(serial: string): ApiQuery<InstallationControl> {
  const api = useApi();
  const query = useApiQuery((a) => a.control.installation({ serial }), serial);
  const { reload } = query;
  useEffect(() => api.on('control.changed', () => reload()), [api, reload]);
  return query;
}
