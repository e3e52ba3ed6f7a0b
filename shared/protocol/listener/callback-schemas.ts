import { z } from 'zod';

/**
 * Request bodies of the callback listener API, version 1 (shared/docs/listener-api.md). The same
 * schemas validate at the listener, in the inventory and in the UI, and generate the OpenAPI
 * document, so the published contract and the validator cannot drift apart.
 *
 * Every object is loose: fields we do not know yet are kept (the contract may only grow compatibly,
 * and the controller vendor may send more than we documented). Limits are generous but finite so a
 * 64 KiB body cannot smuggle unbounded arrays into the inventory.
 */

/** A controller serial: 1-64 characters of `A-Z a-z 0-9 . _ -`. */
export const SERIAL_NUMBER_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const SerialNumberSchema = z
  .string()
  .regex(SERIAL_NUMBER_PATTERN, { error: "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'" });

/** The sender's id of one event; also the default idempotency key. */
export const EventIdSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

/** When the event happened on the controller: an ISO 8601 date-time with `Z` or an offset. */
export const OccurredAtSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with Z or an offset, e.g. 2026-11-26T10:00:00Z',
});

export const DEVICE_TYPES = ['storage', 'solar', 'ev', 'hvac', 'meter', 'relay'] as const;
export const DeviceTypeSchema = z.enum(DEVICE_TYPES, { error: `must be one of ${DEVICE_TYPES.join(', ')}` });
export type DeviceType = z.infer<typeof DeviceTypeSchema>;

export const HEALTH_STATUSES = ['ok', 'warning', 'error'] as const;
export const HealthStatusSchema = z.enum(HEALTH_STATUSES, {
  error: `must be one of ${HEALTH_STATUSES.join(', ')}`,
});
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const watts = z.number().nonnegative({ error: 'must be a number ≥ 0' });
const MAX_ITEMS = 100;
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_ITEMS, { error: `must have at most ${MAX_ITEMS} items` });

/** The installation address: structured, or a single line as the customer typed it. */
export const AddressSchema = z.union([
  text(500),
  z.looseObject({
    street: text(200).optional(),
    postalCode: text(20).optional(),
    city: text(100).optional(),
    country: text(100).optional(),
  }),
]);

export const OnboardingDeviceSchema = z.looseObject({
  type: DeviceTypeSchema,
  model: text(200).optional(),
  nominalPowerW: watts.optional(),
  capacityWh: watts.optional(),
});

/** Fields every callback may carry besides its serial. */
const eventFields = {
  eventId: EventIdSchema.optional().describe(
    'The sender id of this event; a repeat with the same id has no second effect.',
  ),
  occurredAt: OccurredAtSchema.optional().describe('When the event happened on the controller.'),
};

/** `POST /v1/onboarding`: the controller is ready to be controlled. */
export const OnboardingCallbackSchema = z.looseObject({
  serialNumber: SerialNumberSchema.describe('The controller serial number.'),
  contractNumber: text(200).optional().describe('The contract number as the customer typed it.'),
  address: AddressSchema.optional().describe('The installation address: structured, or one line.'),
  devices: list(OnboardingDeviceSchema).optional().describe('The devices the controller steers.'),
  siteNodeId: text(200).optional().describe('The SmartgridOne site node id.'),
  fallbackTimeoutSeconds: z
    .int()
    .min(0)
    .max(86_400, { error: 'must be at most 86400 seconds' })
    .optional()
    .describe(
      "The controller's fallback timeout: without a setpoint for this long it returns to local control.",
    ),
  ...eventFields,
});
export type OnboardingCallback = z.infer<typeof OnboardingCallbackSchema>;

/** `POST /v1/offboarding`: the external signal was removed; control is no longer possible. */
export const OffboardingCallbackSchema = z.looseObject({
  serialNumber: SerialNumberSchema,
  reason: text(1000).optional().describe('Why the external signal was removed, if the controller says.'),
  ...eventFields,
});
export type OffboardingCallback = z.infer<typeof OffboardingCallbackSchema>;

export const HealthErrorSchema = z.looseObject({
  device: text(100).optional(),
  code: text(100).optional(),
  message: text(1000).optional(),
});
export const HealthDeviceSchema = z.looseObject({ type: DeviceTypeSchema, status: HealthStatusSchema });

/** `POST /v1/health`: status of the controller and its devices, sent regularly. */
export const HealthCallbackSchema = z.looseObject({
  serialNumber: SerialNumberSchema,
  status: HealthStatusSchema,
  errors: list(HealthErrorSchema).optional(),
  devices: list(HealthDeviceSchema).optional(),
  ...eventFields,
});
export type HealthCallback = z.infer<typeof HealthCallbackSchema>;

export const CALLBACK_KINDS = ['onboarding', 'offboarding', 'health'] as const;
export const CallbackKindSchema = z.enum(CALLBACK_KINDS);
export type CallbackKind = z.infer<typeof CallbackKindSchema>;

/** The body schema of each endpoint; the path of kind `k` is `/v1/${k}`. */
export const CALLBACK_BODY_SCHEMAS = {
  onboarding: OnboardingCallbackSchema,
  offboarding: OffboardingCallbackSchema,
  health: HealthCallbackSchema,
} as const satisfies Record<CallbackKind, z.ZodType>;

export type CallbackBody<K extends CallbackKind = CallbackKind> = z.infer<(typeof CALLBACK_BODY_SCHEMAS)[K]>;
