import { PowerHistoryRequestSchema, PowerHistorySchema } from '../domain/live/power-history';

/** Live values beyond the fleet row: one installation's recent feedback, for its chart. */
export const liveMethods = {
  /**
   * Recent feedback of one installation, downsampled to `maxPoints` (the chart's width in pixels).
   * An installation that sent no feedback yet answers empty columns; an unknown serial is not-found.
   */
  'installation.history': { request: PowerHistoryRequestSchema, response: PowerHistorySchema },
} as const;
