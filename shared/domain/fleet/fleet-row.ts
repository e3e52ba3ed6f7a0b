import { z } from 'zod';

/** Health as the operator sees it: the last report, or `stale` when reports stopped coming. */
export const HealthViewSchema = z.enum(['ok', 'warning', 'error', 'stale', 'unknown']);
export type HealthView = z.infer<typeof HealthViewSchema>;

/** Which expected signals stopped coming (what made a row `stale`); null when none did. */
export const OverdueSignalsSchema = z.enum(['health', 'mqtt', 'both']).nullable();
export type OverdueSignals = z.infer<typeof OverdueSignalsSchema>;

export const OnboardingViewSchema = z.enum(['pending', 'linked', 'rejected', 'offboarded']);

/** One line of the fleet table: flat, small, and enough to search, filter and sort 10,000 of. */
export const FleetRowSchema = z.object({
  serial: z.string(),
  contractNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  address: z.string(),
  onboarding: OnboardingViewSchema,
  health: HealthViewSchema,
  overdue: OverdueSignalsSchema,
  errorCount: z.number().int(),
  firstError: z.string().nullable(),
  lastSeenAt: z.number().int().nullable(),
  firstSeenAt: z.number().int(),
  storageW: z.number().nullable(),
  solarW: z.number().nullable(),
  /** State of charge from the latest feedback, in %. */
  socPct: z.number().nullable(),
  /**
   * Its controller follows a command of ours: held (refreshed until released), or in force but no
   * longer refreshed (`control` says which) until `localBy`. Counted as Under control.
   */
  underControl: z.boolean(),
  /**
   * `held`: refreshed until released; `unheld`: a command in force sent without holding; `releasing`:
   * released, the controller keeps the last command until its fallback timeout; `local`: none.
   */
  control: z.enum(['held', 'unheld', 'releasing', 'local']),
  /** When an unheld or releasing one returns to local control; null when held or local. */
  localBy: z.number().int().nullable(),
  /**
   * Since when a group of it is in fallback (its lease lapsed: the controller went back to its own
   * control without being asked), the earliest if several; null when none is.
   */
  fallbackSince: z.number().int().nullable(),
});
export type FleetRow = z.infer<typeof FleetRowSchema>;

export const FleetCountersSchema = z.object({
  installations: z.number().int(),
  linked: z.number().int(),
  pending: z.number().int(),
  offboarded: z.number().int(),
  unhealthy: z.number().int(),
  stale: z.number().int(),
  unlinked: z.number().int(),
  underControl: z.number().int(),
  inFallback: z.number().int(),
});
export type FleetCounters = z.infer<typeof FleetCountersSchema>;

/** A batch of row changes, pushed a few times a second at most. */
export const FleetDeltaSchema = z.object({
  upserts: z.array(FleetRowSchema),
  counters: FleetCountersSchema,
  /** Set when the data was replaced (a restore): the upserts are the whole fleet, drop other rows. */
  reset: z.boolean().optional(),
});
export type FleetDelta = z.infer<typeof FleetDeltaSchema>;
