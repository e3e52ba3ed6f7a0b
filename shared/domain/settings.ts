import { z } from 'zod';
import { DEFAULT_LISTENER_LIMITS, RequestsPerMinuteSchema, TrustedProxiesSchema } from './listener-limits';
import { BrokerProfileSchema } from './broker/broker-profile';
import { ProtocolProfileSchema } from '../protocol/profile/profile-schema';
import { DEFAULT_THRESHOLDS } from './control/confirmation';
import { MAX_SAVED_FILTERS, SavedFilterSchema } from './fleet/saved-filter';

/** The settings schema version this build writes. Bump it together with a migration. */
export const SETTINGS_VERSION = 1;

export const ThemeSchema = z.enum(['light', 'dark', 'auto']);
export const LanguageSchema = z.enum(['en']);

export const ListenerSettingsSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(0).max(65535),
  publicUrl: z.string().max(2048),
  /** PEM certificate and key files; both set = HTTPS, both empty = HTTP (behind a TLS proxy). */
  tlsCertFile: z.string().max(4096),
  tlsKeyFile: z.string().max(4096),
  /** Requests a minute from one client address, counted before authentication. */
  perAddressPerMinute: RequestsPerMinuteSchema,
  /** Requests a minute per token bound to one controller, and per integration token. */
  perBoundTokenPerMinute: RequestsPerMinuteSchema,
  perIntegrationTokenPerMinute: RequestsPerMinuteSchema,
  /** Reverse proxies whose X-Forwarded-For names the client; empty = the direct peer is the client. */
  trustedProxies: TrustedProxiesSchema,
});

/** Limits of live control the operator may tune (reliability-notes EC-5). */
export const ControlSettingsSchema = z.object({
  /**
   * Most publishes a second over the whole fleet, commands and lease refreshes together. 10,000
   * leases at a 60 s fallback timeout need 500 refreshes a second.
   */
  publishesPerSecond: z.number().int().min(1).max(10_000),
  /** A send to more homes than this needs the number of homes typed to confirm it. */
  confirmAboveHomes: z.number().int().min(0).max(100_000),
  /** A send with more power at stake than this (kW) needs the same. */
  confirmAboveKw: z.number().min(0).max(1_000_000),
});
export type ControlSettings = z.infer<typeof ControlSettingsSchema>;

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  operatorName: z.string().max(100),
  theme: ThemeSchema,
  language: LanguageSchema,
  listener: ListenerSettingsSchema,
  /** Health turns stale after this many missed expected periods. */
  stalePeriods: z.number().int().min(1).max(100),
  /** Expected seconds between health calls, until an installation's own cadence is learned. */
  healthPeriodSeconds: z.number().int().min(10).max(86_400),
  autoLinkExactMatches: z.boolean(),
  /** The desktop app tells the OS when installations turn to error (a notification per batch). */
  alarmNotifications: z.boolean(),
  /** Saved brokers (passwords live in the secret store, never here); changed through the broker.* methods. */
  brokerProfiles: z.array(BrokerProfileSchema).max(50),
  /** The saved broker connected at start; null = none. */
  activeBrokerProfileId: z.string().min(1).max(100).nullable(),
  /** The wire names (protocol.md §6); null = the documented default profile. */
  protocolProfile: ProtocolProfileSchema.nullable(),
  control: ControlSettingsSchema,
  /**
   * How much of the journal stays online (in timelines and the Activity page): segments older than
   * this many days, or beyond this many MiB, move to the compressed journal archive (kept, in backups).
   */
  journalOnlineDays: z.number().int().min(1).max(3650),
  journalOnlineMiB: z.number().int().min(64).max(1_048_576),
  /**
   * The Fleet page's named filters, sorted by name. Kept here, in the data folder, rather than in
   * the page's browser storage: shared by the desktop app and the headless host, they survive the
   * headless UI's new port on every start (each change is also in the journal's audit trail).
   */
  savedFilters: z.array(SavedFilterSchema).max(MAX_SAVED_FILTERS),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What the UI may change: every field optional, nested objects partial, version untouchable. */
export const SettingsPatchSchema = z
  .object({
    operatorName: SettingsSchema.shape.operatorName,
    theme: ThemeSchema,
    language: LanguageSchema,
    listener: ListenerSettingsSchema.partial(),
    stalePeriods: SettingsSchema.shape.stalePeriods,
    healthPeriodSeconds: SettingsSchema.shape.healthPeriodSeconds,
    autoLinkExactMatches: z.boolean(),
    alarmNotifications: z.boolean(),
    protocolProfile: ProtocolProfileSchema.nullable(),
    control: ControlSettingsSchema.partial(),
    journalOnlineDays: SettingsSchema.shape.journalOnlineDays,
    journalOnlineMiB: SettingsSchema.shape.journalOnlineMiB,
    savedFilters: SettingsSchema.shape.savedFilters,
    // Written by the core's broker.* methods (they keep passwords out of here); settings.update refuses them.
    brokerProfiles: SettingsSchema.shape.brokerProfiles,
    activeBrokerProfileId: SettingsSchema.shape.activeBrokerProfileId,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_VERSION,
  operatorName: '',
  theme: 'auto',
  language: 'en',
  listener: {
    host: '127.0.0.1',
    port: 8787,
    publicUrl: '',
    tlsCertFile: '',
    tlsKeyFile: '',
    ...DEFAULT_LISTENER_LIMITS,
    trustedProxies: [],
  },
  stalePeriods: 3,
  healthPeriodSeconds: 300,
  autoLinkExactMatches: true,
  alarmNotifications: true,
  brokerProfiles: [],
  activeBrokerProfileId: null,
  protocolProfile: null,
  control: {
    publishesPerSecond: 1000,
    confirmAboveHomes: DEFAULT_THRESHOLDS.homes,
    confirmAboveKw: DEFAULT_THRESHOLDS.totalW / 1000,
  },
  journalOnlineDays: 30,
  journalOnlineMiB: 1024,
  savedFilters: [],
};

/** Applies a validated patch; nested objects merge, so a partial listener or control patch keeps the rest. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const { listener, control, ...rest } = definedOnly(patch);
  return {
    ...current,
    ...rest,
    listener: { ...current.listener, ...definedOnly(listener ?? {}) },
    control: { ...current.control, ...definedOnly(control ?? {}) },
  };
}

/** Drops keys whose value is `undefined`, so a patch never blanks a field it did not mention. */
function definedOnly<T extends object>(obj: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
