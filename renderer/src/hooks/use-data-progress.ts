import { useEffect, useState } from 'react';
import type { DataProgress } from '../../../shared/domain/inventory/data-progress';
import { useApi } from '../api';

/** How far the core is with a long data task (backup, restore, contract CSV), while `active` (its call is pending); else undefined. */
export function useDataProgress(task: DataProgress['task'], active: boolean): DataProgress | undefined {
  const api = useApi();
  const [progress, setProgress] = useState<DataProgress>();
  useEffect(() => {
    if (!active) return;
    const off = api.on('data.progress', (p) => {
      if (p.task === task) setProgress(p);
    });
    return () => {
      off();
      // The next run starts from nothing, not from where this one ended.
      setProgress(undefined);
    };
  }, [api, task, active]);
  return active ? progress : undefined;
}
