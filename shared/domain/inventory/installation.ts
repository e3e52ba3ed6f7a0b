import { z } from 'zod';
import { AssetGroupSchema } from '../control/live-command';
import { FallbackOverrideSchema } from './fallback-timeout';

/** Device kinds the listener API names (docs/listener-api.md). */
export const DeviceTypeSchema = z.enum(['storage', 'solar', 'ev', 'hvac', 'meter', 'relay']);

/** One device behind a controller; unknown fields the controller sends are kept. */
export const DeviceSchema = z.looseObject({
  type: DeviceTypeSchema,
  model: z.string().optional(),
  nominalPowerW: z.number().optional(),
  capacityWh: z.number().optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

/** The listener API allows a structured address or a single string. */
export const AddressSchema = z.union([
  z.string(),
  z.looseObject({
    street: z.string().optional(),
    postalCode: z.string().optional(),
    city: z.string().optional(),
    country: z.string().optional(),
  }),
]);
export type Address = z.infer<typeof AddressSchema>;

export const HealthErrorSchema = z.looseObject({
  device: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** Last reported health; `unknown` until the first health call, `at` is when it was received. */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'warning', 'error', 'unknown']),
  errors: z.array(HealthErrorSchema),
  devices: z.array(z.record(z.string(), z.unknown())),
  at: z.number().int().nullable(),
  extra: z.record(z.string(), z.unknown()),
});
export type Health = z.infer<typeof HealthSchema>;

/** Where an installation stands in onboarding; each state carries what only it needs. */
export const OnboardingStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), since: z.number().int() }),
  z.object({
    state: z.literal('linked'),
    since: z.number().int(),
    contractNumber: z.string(),
    /**
     * Another contract number the controller's onboarding calls name since the link was decided:
     * it waits in the inbox until the operator relinks it or turns the call down. Absent when none.
     */
    claimed: z.object({ contractNumber: z.string(), since: z.number().int() }).optional(),
  }),
  z.object({ state: z.literal('rejected'), since: z.number().int(), reason: z.string() }),
  z.object({ state: z.literal('offboarded'), since: z.number().int(), reason: z.string() }),
]);
export type OnboardingState = z.infer<typeof OnboardingStateSchema>;

/** When each signal was last received from the installation (ms since the epoch). */
export const LastSeenSchema = z.object({
  health: z.number().int().optional(),
  onboarding: z.number().int().optional(),
  offboarding: z.number().int().optional(),
  mqtt: z.number().int().optional(),
  command: z.number().int().optional(),
});
export type LastSeen = z.infer<typeof LastSeenSchema>;

export const NoteSchema = z.object({ at: z.number().int(), by: z.string(), text: z.string() });

/** One controller as the inventory knows it. Records are replaced on change, never mutated. */
export const InstallationSchema = z.object({
  serial: z.string().min(1),
  siteNodeId: z.string().nullable(),
  address: AddressSchema.nullable(),
  devices: z.array(DeviceSchema),
  /** As onboarding reported it (null when it did not): the controller's own setting. */
  fallbackTimeoutSeconds: z.number().nullable(),
  /**
   * The fallback timeout the operator set (`installation.fallbackSet`), which wins over onboarding's
   * for control; absent when none is set. Optional, so snapshots and backups of earlier builds load.
   */
  fallbackTimeoutOverride: FallbackOverrideSchema.optional(),
  /** The contract number the customer typed during onboarding, if any (a hint, not a link). */
  requestedContractNumber: z.string().nullable(),
  onboarding: OnboardingStateSchema,
  health: HealthSchema,
  lastSeen: LastSeenSchema,
  firstSeenAt: z.number().int(),
  notes: z.array(NoteSchema),
  /**
   * The operator's last inbox rejection of this controller, until a link supersedes it: a serial
   * once rejected never links itself (its next onboarding waits in the inbox, flagged).
   */
  lastRejection: z.object({ at: z.number().int(), by: z.string(), reason: z.string() }).optional(),
  /**
   * Asset groups in fallback: their lease lapsed, so the controller went back to its own control
   * unasked, since then (ms). Absent when none is; a new command to the group ends it.
   */
  fallbackSince: z.partialRecord(AssetGroupSchema, z.number().int()).optional(),
  /** Onboarding fields this build does not know, kept as sent. */
  extra: z.record(z.string(), z.unknown()),
});
export type Installation = z.infer<typeof InstallationSchema>;

/** A callback for a serial the inventory has not onboarded: recorded, shown in the inbox. */
export const UnknownSerialSchema = z.object({
  serial: z.string(),
  firstAt: z.number().int(),
  lastAt: z.number().int(),
  count: z.number().int(),
  lastType: z.enum(['callback.offboarding', 'callback.health']),
  lastSeq: z.number().int(),
});
export type UnknownSerial = z.infer<typeof UnknownSerialSchema>;
