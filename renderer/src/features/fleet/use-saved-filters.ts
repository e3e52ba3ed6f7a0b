import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api';
import { useAppData } from '../boot/app-data';
import type { FleetFilter } from './fleet-model';
import {
  forgetLegacySavedFilters,
  readLegacySavedFilters,
  withSavedFilter,
  type SavedFilter,
} from './saved-filters';

export interface SavedFilters {
  filters: readonly SavedFilter[];
  /** Why the last save or delete did not go through, if it did not. */
  problem: string | undefined;
  save(name: string, filter: FleetFilter): void;
  remove(name: string): void;
}

/**
 * The operator's named filters, kept in the core's settings (live from `settings.changed`, so the
 * Fleet and Control pages see the same list). Filters an earlier build left in this browser's
 * storage move there on first use.
 */
export function useSavedFilters(): SavedFilters {
  const api = useApi();
  const { settings, replaceSettings } = useAppData();
  const filters = settings.savedFilters;
  const [problem, setProblem] = useState<string>();

  const store = useCallback(
    async (next: SavedFilter[]): Promise<boolean> => {
      const result = await api.settings.update({ savedFilters: next });
      if (!result.ok) {
        setProblem(`The saved filters were not stored: ${result.error.message}`);
        return false;
      }
      setProblem(undefined);
      replaceSettings(result.value);
      return true;
    },
    [api, replaceSettings],
  );

  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) return;
    moved.current = true;
    const legacy = readLegacySavedFilters(window.localStorage);
    if (legacy.length === 0) return;
    // The settings win over a same-named filter left in the browser.
    const merged = legacy
      .filter((old) => !filters.some((f) => f.name === old.name))
      .reduce((list, entry) => withSavedFilter(list, entry), [...filters]);
    void store(merged).then((stored) => stored && forgetLegacySavedFilters(window.localStorage));
  }, [filters, store]);

  const save = useCallback(
    (name: string, filter: FleetFilter) => void store(withSavedFilter(filters, { name, filter })),
    [filters, store],
  );
  const remove = useCallback(
    (name: string) => void store(filters.filter((f) => f.name !== name)),
    [filters, store],
  );

  return { filters, problem, save, remove };
}
