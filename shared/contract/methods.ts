import { z } from 'zod';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';
import { NoticeSchema } from '../domain/notice';
import { inventoryMethods } from './inventory-methods';
import { controlMethods } from './control-methods';
import { activityMethods } from './activity-methods';
import { liveMethods } from './live-methods';
import { rolloutMethods } from './rollout-methods';
import { brokerMethods } from './broker-methods';

const none = z.undefined();

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'headless']),
  dataDir: z.string(),
  /** Where the listener really runs (this run's host and port); empty when it did not start. */
  listenerUrl: z.string(),
  /**
   * The bind host or port given for this run only (command line, environment, the demo), which
   * win over the saved settings; absent or empty when the saved ones apply.
   */
  listenerOverride: z.object({ host: z.string().optional(), port: z.number().int().optional() }).optional(),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/**
 * The API the UI calls: method name -> request and response schemas. Declared once; the IPC
 * handler, the WebSocket host, the preload and the renderer client are all derived from it.
 */
export const methods = {
  'app.info': { request: none, response: AppInfoSchema },
  'settings.get': { request: none, response: SettingsSchema },
  'settings.update': { request: SettingsPatchSchema, response: SettingsSchema },
  'notices.list': { request: none, response: z.array(NoticeSchema) },
  'notices.dismiss': {
    request: z.object({ id: z.string().max(100) }).strict(),
    response: z.array(NoticeSchema),
  },
  /** Starts the demo fleet beside this instance (own data, embedded broker) and answers where to open it. */
  /** `openedInWindow`: the desktop app showed the demo in a window of its own; a browser should go to `url`. */
  'demo.start': { request: none, response: z.object({ url: z.string(), openedInWindow: z.boolean() }) },
  ...inventoryMethods,
  ...controlMethods,
  ...activityMethods,
  ...liveMethods,
  ...rolloutMethods,
  ...brokerMethods,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Methods = typeof methods;
/** What starting the demo fleet answers. */
export type DemoLaunch = z.infer<Methods['demo.start']['response']>;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.infer<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.infer<Methods[M]['response']>;

export const methodNames = Object.keys(methods) as MethodName[];

/** Narrows an untrusted string to a method name. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
