import { useCallback, useState } from 'react';
import type { FleetFilter } from './fleet-model';
import { readSavedFilters, withSavedFilter, writeSavedFilters, type SavedFilter } from './saved-filters';

export interface SavedFilters {
  filters: readonly SavedFilter[];
  /** False when the browser refused to store it. */
  save(name: string, filter: FleetFilter): boolean;
  remove(name: string): void;
}

/** The operator's named filters, read once and written through to localStorage. */
export function useSavedFilters(): SavedFilters {
  const [filters, setFilters] = useState<readonly SavedFilter[]>(() => readSavedFilters(window.localStorage));

  const save = useCallback(
    (name: string, filter: FleetFilter) => {
      const next = withSavedFilter(filters, { name, filter });
      setFilters(next);
      return writeSavedFilters(window.localStorage, next);
    },
    [filters],
  );

  const remove = useCallback(
    (name: string) => {
      const next = filters.filter((f) => f.name !== name);
      setFilters(next);
      writeSavedFilters(window.localStorage, next);
    },
    [filters],
  );

  return { filters, save, remove };
}
