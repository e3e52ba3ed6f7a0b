import { z } from 'zod';
import { ContractSchema } from '../inventory/contract';
import { InstallationSchema } from '../inventory/installation';
import { LinkRecordSchema } from '../inventory/link';
import { HealthViewSchema, OverdueSignalsSchema } from './fleet-row';

/** One entry of an installation's timeline, as the UI lists it. */
export const TimelineItemSchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  type: z.string(),
  actor: z.string(),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

/** Everything the installation page shows; the timeline is newest first and says when it was cut. */
export const InstallationViewSchema = z.object({
  installation: InstallationSchema,
  health: HealthViewSchema,
  /** Which expected signals stopped coming (why `health` is stale); null when none did. */
  overdue: OverdueSignalsSchema,
  contract: ContractSchema.nullable(),
  links: z.array(LinkRecordSchema),
  timeline: z.array(TimelineItemSchema),
  timelineTotal: z.number().int(),
  /**
   * False right after a start while the older journal segments are still being indexed: the
   * timeline's newest entries are already right, `timelineTotal` counts only the recent part.
   */
  timelineComplete: z.boolean(),
  /**
   * When its latest MQTT feedback arrived (live, not journaled), or null. The journaled
   * `lastSeen.mqtt` is marked at most every 15 minutes, so the page shows the later of the two.
   */
  lastFeedbackAt: z.number().int().nullable(),
});
export type InstallationView = z.infer<typeof InstallationViewSchema>;
