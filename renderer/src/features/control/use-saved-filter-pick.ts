import { useState } from 'react';
import { EMPTY_FILTER, sameFilter, type FleetFilter } from '../fleet/fleet-model';
import type { SavedFilter } from '../fleet/saved-filters';

/** What happened to the picked saved filter elsewhere (the Fleet page, another window). */
export type SavedFilterNotice = { kind: 'changed' | 'deleted'; name: string };

export interface SavedFilterPick {
  /** The name of the saved filter the list follows; '' when none. */
  name: string;
  /** That filter as the settings define it now; undefined when none is followed. */
  filter: FleetFilter | undefined;
  /** Said when the followed filter was redefined or deleted elsewhere, until the operator acts. */
  notice: SavedFilterNotice | null;
  pick(name: string): void;
  /** The operator acted on the picker, so the notice has done its work. */
  acknowledge(): void;
}

/** The name followed, and the definition last shown for it (to tell when it changed). */
type Followed = { name: string; shown: FleetFilter };

/**
 * Follows a saved filter by name through the live settings. The picker keeps the name, never a
 * copy of the definition: a copy kept filtering by a meaning the Fleet page had changed, or by a
 * filter it had deleted, while the select showed something else ("Select all shown" then took the
 * wrong homes).
 */
export function useSavedFilterPick(savedFilters: readonly SavedFilter[]): SavedFilterPick {
  const [followed, setFollowed] = useState<Followed | null>(null);
  const [notice, setNotice] = useState<SavedFilterNotice | null>(null);
  const live = followed === null ? undefined : savedFilters.find((f) => f.name === followed.name);

  // Adjusted while rendering rather than in an effect, so no frame shows the list by a filter that
  // is gone. A deleted filter is let go for good: one saved later under the same name is a new
  // filter, never applied without being picked.
  if (followed !== null && live === undefined) {
    setFollowed(null);
    setNotice({ kind: 'deleted', name: followed.name });
  } else if (followed !== null && live !== undefined && !sameFilter(live.filter, followed.shown)) {
    setFollowed({ name: followed.name, shown: live.filter });
    setNotice({ kind: 'changed', name: followed.name });
  }

  const pick = (name: string) => {
    const entry = savedFilters.find((f) => f.name === name);
    setFollowed(entry === undefined ? null : { name, shown: entry.filter });
    setNotice(null);
  };
  return {
    name: live === undefined ? '' : live.name,
    filter: live?.filter,
    notice,
    pick,
    acknowledge: () => setNotice(null),
  };
}

/**
 * The picker's filter: the followed saved filter with the typed search on top. Every search term
 * must match, so joining the two searches keeps the rows that match both.
 */
export function pickerFilter(saved: FleetFilter | undefined, search: string): FleetFilter {
  const base = saved ?? EMPTY_FILTER;
  return { ...base, search: `${base.search} ${search}`.trim() };
}

/** The notice in words; `searching` says whether a typed search still narrows the list. */
export function savedFilterNoticeWords(notice: SavedFilterNotice, searching: boolean): string {
  if (notice.kind === 'deleted') {
    return `The saved filter "${notice.name}" was deleted (on the Fleet page or in another window); showing all installations${searching ? ' that match the search' : ''}.`;
  }
  return `The saved filter "${notice.name}" was changed on the Fleet page or in another window; the list shows what it means now. Targets selected before stay selected.`;
}
