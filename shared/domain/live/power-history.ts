import { z } from 'zod';

const column = z.array(z.number().nullable());

/**
 * The newest feedback as received, at full precision (the chart's columns are downsampled and
 * stored at Float32): Fleetdesk's sign convention, storage + = discharge, grid + = import.
 */
export const LatestReadingSchema = z.object({
  /** When Fleetdesk received it (ms since the epoch). */
  at: z.number(),
  storageW: z.number().nullable(),
  socPct: z.number().nullable(),
  storedWh: z.number().nullable(),
  solarW: z.number().nullable(),
  gridW: z.number().nullable(),
  /** `response_code` of the last command the controller handled; 0 = accepted. */
  responseCode: z.number().nullable(),
});
export type LatestReading = z.infer<typeof LatestReadingSchema>;

/**
 * One installation's recent feedback as the chart draws it: column arrays sharing `times` (ms since
 * the epoch, ascending), null where the controller sent no usable value. `readings` and `capacity`
 * let the UI say what was cut: downsampled to the chart width, and older readings dropped once the
 * per-installation history is full.
 */
export const PowerHistorySchema = z.object({
  serial: z.string(),
  times: z.array(z.number()),
  storageW: column,
  socPct: column,
  solarW: column,
  gridW: column,
  responseCode: column,
  /** The newest reading, whatever the window; null before any feedback. */
  latest: LatestReadingSchema.nullable(),
  /** Readings received in the requested window before downsampling (every reading a kept minute folds in counts). */
  readings: z.number().int().nonnegative(),
  /** How far back the history reaches, as a number of 10 s periods (one hour: 360); older readings are dropped. */
  capacity: z.number().int().positive(),
  /** Readings dropped from this installation's history because it was full. */
  dropped: z.number().int().nonnegative(),
  /** Receipt time of the oldest reading still kept, or null when there is none. */
  oldestAt: z.number().nullable(),
  /**
   * Readings from this time on are as received; older ones are each minute's minimum and maximum.
   * Null while every kept reading is as received.
   */
  fullResolutionFrom: z.number().nullable(),
});
export type PowerHistory = z.infer<typeof PowerHistorySchema>;

/** The request: which installation, from when, and at most how many points (the chart's width). */
export const PowerHistoryRequestSchema = z
  .object({
    serial: z.string().min(1).max(64),
    sinceMs: z.number().int().nonnegative().optional(),
    maxPoints: z.number().int().min(2).max(8192),
  })
  .strict();
