import { z } from 'zod';
import { SettingsSchema } from '../domain/settings';
import { NoticeSchema } from '../domain/notice';
import { FleetDeltaSchema } from '../domain/fleet/fleet-row';
import { InboxItemSchema } from '../domain/fleet/inbox-item';
import { DataProgressSchema } from '../domain/inventory/data-progress';

/** Events the core pushes to the UI: event name -> payload schema. */
export const events = {
  'settings.changed': SettingsSchema,
  'notices.changed': z.array(NoticeSchema),
  /** Rows that changed since the last batch; batched to a few per second whatever the call rate. */
  'fleet.changed': FleetDeltaSchema,
  'inbox.changed': z.array(InboxItemSchema),
  /** Serials whose installation page should refetch (new timeline entry, link change); batched. */
  'installation.changed': z.object({ serials: z.array(z.string()) }),
  /** Something in live control changed (commands, leases, the link); the Control page refetches its overview. Batched. */
  'control.changed': z.object({ at: z.number() }),
  /** New journal entries up to `lastSeq`: the Activity page refetches its newest page. Batched. */
  'activity.changed': z.object({ lastSeq: z.number().int() }),
  /** A backup or restore under way: a few times a second, and once more when all is done. */
  'data.progress': DataProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
