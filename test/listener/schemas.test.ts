import { describe, expect, it } from 'vitest';
import {
  CallbackRecordSchema,
  HealthCallbackSchema,
  OffboardingCallbackSchema,
  OnboardingCallbackSchema,
  ONBOARDING_EXAMPLE,
  SerialNumberSchema,
} from '../../shared/protocol/listener';

describe('listener protocol schemas', () => {
  it.each([['A'], ['SG1-000123'], ['a.b_c-D9'], ['x'.repeat(64)]])('accepts the serial %j', (serial) => {
    expect(SerialNumberSchema.safeParse(serial).success).toBe(true);
  });

  it.each([[''], ['x'.repeat(65)], ['SG1 000123'], ['SG1/000123'], ['SG1-00012é'], ['SG1-000123\n'], [123]])(
    'refuses the serial %j',
    (serial) => {
      expect(SerialNumberSchema.safeParse(serial).success).toBe(false);
    },
  );

  it('accepts the address as an object or a single line', () => {
    expect(
      OnboardingCallbackSchema.safeParse({ serialNumber: 'S1', address: 'Kerkstraat 1, Gent' }).success,
    ).toBe(true);
    expect(
      OnboardingCallbackSchema.safeParse({ serialNumber: 'S1', address: { city: 'Gent', floor: 2 } }).data
        ?.address,
    ).toEqual({ city: 'Gent', floor: 2 });
    expect(OnboardingCallbackSchema.safeParse({ serialNumber: 'S1', address: ['Gent'] }).success).toBe(false);
  });

  it('knows the device types and health statuses of the API', () => {
    for (const type of ['storage', 'solar', 'ev', 'hvac', 'meter', 'relay']) {
      expect(OnboardingCallbackSchema.safeParse({ serialNumber: 'S1', devices: [{ type }] }).success).toBe(
        true,
      );
    }
    expect(
      OnboardingCallbackSchema.safeParse({ serialNumber: 'S1', devices: [{ type: 'wind' }] }).success,
    ).toBe(false);
    expect(
      HealthCallbackSchema.safeParse({
        serialNumber: 'S1',
        status: 'warning',
        devices: [{ type: 'ev', status: 'ok' }],
      }).success,
    ).toBe(true);
    expect(HealthCallbackSchema.safeParse({ serialNumber: 'S1', status: 'bad' }).success).toBe(false);
  });

  it('wants ISO date-times with a zone and event ids of at most 200 characters', () => {
    const off = (extra: object) =>
      OffboardingCallbackSchema.safeParse({ serialNumber: 'S1', ...extra }).success;
    expect(off({ occurredAt: '2026-11-26T10:00:00Z' })).toBe(true);
    expect(off({ occurredAt: '2026-11-26T10:00:00.123+01:00' })).toBe(true);
    expect(off({ occurredAt: '2026-11-26T10:00:00' })).toBe(false);
    expect(off({ occurredAt: '26/11/2026' })).toBe(false);
    expect(off({ eventId: 'x'.repeat(200) })).toBe(true);
    expect(off({ eventId: 'x'.repeat(201) })).toBe(false);
    expect(off({ eventId: '' })).toBe(false);
  });

  it('keeps unknown fields at every level and refuses non-finite numbers', () => {
    const parsed = OnboardingCallbackSchema.parse({
      ...ONBOARDING_EXAMPLE,
      extra: 1,
      devices: [{ type: 'solar', strings: 2 }],
    });
    expect(parsed).toMatchObject({ extra: 1, devices: [{ type: 'solar', strings: 2 }] });
    expect(
      OnboardingCallbackSchema.safeParse({
        serialNumber: 'S1',
        devices: [{ type: 'solar', nominalPowerW: Infinity }],
      }).success,
    ).toBe(false);
  });

  it('describes the record handed to the sink', () => {
    const record = {
      kind: 'offboarding',
      serial: 'S1',
      eventId: 'e1',
      receivedAt: '2026-11-26T10:00:00.000Z',
      tokenId: 't1',
      remoteAddress: '127.0.0.1',
      body: { serialNumber: 'S1', reason: 'removed', vendor: 'x' },
      raw: {
        headers: { 'content-type': 'application/json' },
        body: '{"serialNumber":"S1","reason":"removed","vendor":"x"}',
      },
    };
    expect(CallbackRecordSchema.parse(record)).toEqual(record);
    expect(CallbackRecordSchema.safeParse({ ...record, kind: 'control' }).success).toBe(false);
  });
});
