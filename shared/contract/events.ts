import { z } from 'zod';
import { SettingsSchema } from '../domain/settings';
import { NoticeSchema } from '../domain/notice';

/** Events the core pushes to the UI: event name -> payload schema. */
export const events = {
  'settings.changed': SettingsSchema,
  'notices.changed': z.array(NoticeSchema),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
