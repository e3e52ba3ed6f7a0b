import type { HealthCallback, OffboardingCallback, OnboardingCallback } from './callback-schemas';

/**
 * The request examples of listener-api.md with its `…` placeholders filled in. The OpenAPI
 * document publishes them and the tests check that the schemas accept them, so the prose, the
 * document and the validator agree.
 */
export const ONBOARDING_EXAMPLE = {
  serialNumber: 'SG1-000123',
  contractNumber: 'C-2024-0042',
  address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
  devices: [
    { type: 'storage', model: 'BYD HVS 10.2', nominalPowerW: 5000, capacityWh: 10000 },
    { type: 'solar', nominalPowerW: 6000 },
  ],
  siteNodeId: 'SG1-000123_site_0',
  fallbackTimeoutSeconds: 300,
  eventId: 'evt-0001',
  occurredAt: '2026-11-26T10:00:00Z',
} satisfies OnboardingCallback;

/** The same onboarding with the address as a single line, which the API also accepts. */
export const ONBOARDING_ADDRESS_LINE_EXAMPLE = {
  serialNumber: 'SG1-000123',
  address: 'Kerkstraat 1, 9000 Gent, BE',
} satisfies OnboardingCallback;

export const OFFBOARDING_EXAMPLE = {
  serialNumber: 'SG1-000123',
  reason: 'External signal removed by the installer',
  eventId: 'evt-0002',
  occurredAt: '2026-11-27T08:30:00Z',
} satisfies OffboardingCallback;

export const HEALTH_EXAMPLE = {
  serialNumber: 'SG1-000123',
  status: 'ok',
  errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
  devices: [{ type: 'storage', status: 'error' }],
  eventId: 'evt-0003',
  occurredAt: '2026-11-26T10:05:00Z',
} satisfies HealthCallback;
