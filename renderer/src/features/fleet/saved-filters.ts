import { SavedFilterSchema, type SavedFilter } from '../../../../shared/domain/fleet/saved-filter';

export { withSavedFilter, type SavedFilter } from '../../../../shared/domain/fleet/saved-filter';

/**
 * Where builds before Nov 2026 kept saved filters: this browser's localStorage, which the headless
 * host's new UI port on every start (a new origin) lost. They now live in the core's settings;
 * what is found here moves there once.
 */
export const LEGACY_STORAGE_KEY = 'fleetdesk.fleet.savedFilters';

type StorageLike = Pick<Storage, 'getItem' | 'removeItem'>;

/** The filters an earlier build left in this browser; an unreadable entry is skipped, not fatal. */
export function readLegacySavedFilters(storage: StorageLike): SavedFilter[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(LEGACY_STORAGE_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item) => {
      const parsed = SavedFilterSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  } catch {
    return [];
  }
}

/** Forgets them here once they are safely in the settings. */
export function forgetLegacySavedFilters(storage: StorageLike): void {
  try {
    storage.removeItem(LEGACY_STORAGE_KEY);
  } catch {
    // A storage that refuses is left as it is: the next start moves nothing twice (same names).
  }
}
