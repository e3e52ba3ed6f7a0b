import { z } from 'zod';
import { HealthViewSchema, OnboardingViewSchema } from './fleet-row';

/** The fleet table's search and filters, as the Fleet page sets them and a saved filter keeps them. */
export const FleetFilterSchema = z.object({
  search: z.string().max(500),
  onboarding: z.union([OnboardingViewSchema, z.literal('any')]),
  health: z.union([HealthViewSchema, z.literal('any')]),
  linked: z.enum(['any', 'linked', 'unlinked']),
  /**
   * Held: Fleetdesk holds a lease on it; fallback: a lease of it lapsed (it went back to its own
   * control unasked); local: neither, it follows its own settings.
   */
  // Filters saved before this field existed narrowed nothing by control.
  control: z.enum(['any', 'held', 'fallback', 'local']).default('any'),
});
export type FleetFilter = z.output<typeof FleetFilterSchema>;

/** A named filter: picked on the Fleet page, and as a target of a bulk command on the Control page. */
export const SavedFilterSchema = z.object({
  name: z.string().trim().min(1).max(100),
  filter: FleetFilterSchema,
});
export type SavedFilter = z.output<typeof SavedFilterSchema>;

export const MAX_SAVED_FILTERS = 200;

/** The list with `entry` added, replacing one of the same name, sorted by name. */
export function withSavedFilter(filters: readonly SavedFilter[], entry: SavedFilter): SavedFilter[] {
  return [...filters.filter((f) => f.name !== entry.name), entry].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}
