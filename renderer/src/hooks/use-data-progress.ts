import { useLayoutEffect, useState } from 'react';
import type { DataProgress } from '../../../shared/domain/inventory/data-progress';
import { useApi } from '../api';

/** How far the core is with a long data task (backup, restore, contract CSV), while `active` (its call is pending); else undefined. */
export function useDataProgress(task: DataProgress['task'], active: boolean): DataProgress | undefined {
  const api = useApi();
  const [progress, setProgress] = useState<DataProgress>();
  // A layout effect, not a passive one: it runs in the same commit that shows the task as running, so
  // a report the core sends right after is never missed (a passive effect may run later, after paint).
  useLayoutEffect(() => {
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
