import { z } from 'zod';
import { AddressSchema, DeviceSchema, HealthErrorSchema, type Address, type Device } from './installation';

/** What the reducer takes from an onboarding body; absent fields leave the record as it was. */
export type OnboardingFields = {
  siteNodeId?: string;
  address?: Address;
  devices?: Device[];
  fallbackTimeoutSeconds?: number;
  contractNumber?: string;
  /** Everything else, including known fields whose value did not fit (kept rather than lost). */
  extra: Record<string, unknown>;
};

const KNOWN_ONBOARDING = new Set(['serialNumber', 'eventId', 'occurredAt']);

const onboardingReaders = {
  siteNodeId: z.string(),
  address: AddressSchema,
  devices: z.array(DeviceSchema),
  fallbackTimeoutSeconds: z.number().nonnegative(),
  contractNumber: z.string().min(1),
} as const;

/**
 * Reads an onboarding body leniently: the listener validated it on the way in, but the journal
 * may hold bodies from older builds, and replay must never fail on one.
 */
export function readOnboarding(body: Record<string, unknown>): OnboardingFields {
  const out: OnboardingFields = { extra: {} };
  const fields = out as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (KNOWN_ONBOARDING.has(key)) continue;
    const reader = onboardingReaders[key as keyof typeof onboardingReaders] as z.ZodType | undefined;
    const parsed = reader?.safeParse(value);
    if (parsed?.success) fields[key] = parsed.data;
    else out.extra[key] = value;
  }
  return out;
}

export type HealthFields = {
  status: 'ok' | 'warning' | 'error' | 'unknown';
  errors: z.infer<typeof HealthErrorSchema>[];
  devices: Record<string, unknown>[];
  extra: Record<string, unknown>;
};

const KNOWN_HEALTH = new Set(['serialNumber', 'eventId', 'occurredAt', 'status', 'errors', 'devices']);
const StatusSchema = z.enum(['ok', 'warning', 'error']);
const ErrorsSchema = z.array(HealthErrorSchema);
const DevicesSchema = z.array(z.record(z.string(), z.unknown()));

/** Reads a health body leniently; a status it cannot read becomes `unknown`, the rest is kept. */
export function readHealth(body: Record<string, unknown>): HealthFields {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (!KNOWN_HEALTH.has(key)) extra[key] = value;
  const status = StatusSchema.safeParse(body['status']);
  const errors = ErrorsSchema.safeParse(body['errors'] ?? []);
  const devices = DevicesSchema.safeParse(body['devices'] ?? []);
  if (!errors.success) extra['errors'] = body['errors'];
  if (!devices.success) extra['devices'] = body['devices'];
  return {
    status: status.success ? status.data : 'unknown',
    errors: errors.success ? errors.data : [],
    devices: devices.success ? devices.data : [],
    extra,
  };
}

/** The offboarding reason, or a fixed text when the body gave none. */
export function readOffboardingReason(body: Record<string, unknown>): string {
  const reason = body['reason'];
  return typeof reason === 'string' && reason.length > 0 ? reason : 'offboarding callback';
}
