import { z } from 'zod';
import type { FleetFilter } from './fleet-model';

/**
 * Saved fleet filters live in this workstation's localStorage: Fleetdesk runs on one operator desk,
 * so there is no one to share them with, and a lost browser profile only loses shortcuts. Should
 * filters ever need to follow an operator between machines, they belong in the core's settings.
 */
const STORAGE_KEY = 'fleetdesk.fleet.savedFilters';

const SavedFilterSchema = z.object({
  name: z.string().min(1),
  filter: z.object({
    search: z.string(),
    onboarding: z.enum(['any', 'pending', 'linked', 'rejected', 'offboarded']),
    health: z.enum(['any', 'ok', 'warning', 'error', 'stale', 'unknown']),
    linked: z.enum(['any', 'linked', 'unlinked']),
    // Filters saved before this field existed narrowed nothing by control.
    control: z.enum(['any', 'held', 'local']).default('any'),
  }),
});
export type SavedFilter = { name: string; filter: FleetFilter };

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved filters; an unreadable entry (hand-edited, older build) is skipped, not fatal. */
export function readSavedFilters(storage: StorageLike): SavedFilter[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item) => {
      const parsed = SavedFilterSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  } catch {
    return [];
  }
}

/** Stores the list; a full or refused storage loses the save, which the caller may report. */
export function writeSavedFilters(storage: StorageLike, filters: readonly SavedFilter[]): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(filters));
    return true;
  } catch {
    return false;
  }
}

/** The list with `entry` added, replacing one of the same name, sorted by name. */
export function withSavedFilter(filters: readonly SavedFilter[], entry: SavedFilter): SavedFilter[] {
  return [...filters.filter((f) => f.name !== entry.name), entry].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}
