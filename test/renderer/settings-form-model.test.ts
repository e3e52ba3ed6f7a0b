import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { buildPatch, isDirty, toFormValues } from '../../renderer/src/features/settings/settings-form-model';

const saved = DEFAULT_SETTINGS;
const values = toFormValues(saved);

describe('settings form model', () => {
  it('builds an empty patch when nothing changed', () => {
    expect(buildPatch(saved, values)).toEqual({ ok: true, patch: {} });
    expect(isDirty(saved, values)).toBe(false);
  });

  it('puts only changed listener fields in a partial listener patch', () => {
    const result = buildPatch(saved, {
      ...values,
      listenerPublicUrl: 'https://x.example',
      stalePeriods: '7',
    });
    expect(result).toEqual({
      ok: true,
      patch: { stalePeriods: 7, listener: { publicUrl: 'https://x.example' } },
    });
  });

  it('reports empty and out-of-range numbers on their fields', () => {
    const result = buildPatch(saved, { ...values, stalePeriods: '', listenerPort: 70_000, listenerHost: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.stalePeriods).toBe('Enter a whole number.');
    expect(result.errors.listenerPort).toBe('Enter a whole number from 0 to 65535.');
    expect(result.errors.listenerHost).toBeTruthy();
  });

  it('refuses out-of-range numbers with the schema’s range in words, never the nearest bound', () => {
    const result = buildPatch(saved, { ...values, healthPeriodSeconds: 5, controlConfirmAboveKw: -1 });
    expect(result).toEqual({
      ok: false,
      errors: {
        healthPeriodSeconds: 'Enter a whole number from 10 to 86,400.',
        controlConfirmAboveKw: 'Enter a number from 0 to 1,000,000.',
      },
    });
  });

  it('puts changed limits and the proxy list in the listener patch, and shows a bad proxy on its field', () => {
    const result = buildPatch(saved, {
      ...values,
      listenerPerAddress: '1200',
      listenerTrustedProxies: ' 127.0.0.1\n10.0.0.0/8, ::1\n',
    });
    expect(result).toEqual({
      ok: true,
      patch: { listener: { perAddressPerMinute: 1200, trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1'] } },
    });
    const bad = buildPatch(saved, {
      ...values,
      listenerTrustedProxies: 'proxy.example',
      listenerPerBoundToken: '',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.listenerTrustedProxies).toMatch(/IP address/);
    expect(bad.errors.listenerPerBoundToken).toBe('Enter a number of requests.');
  });

  it('puts changed control limits in a partial control patch, and shows a bad one on its field', () => {
    expect(
      buildPatch(saved, { ...values, controlPublishesPerSecond: '250', controlConfirmAboveKw: 80 }),
    ).toEqual({
      ok: true,
      patch: { control: { publishesPerSecond: 250, confirmAboveKw: 80 } },
    });
    const bad = buildPatch(saved, { ...values, controlPublishesPerSecond: 0, controlConfirmAboveHomes: '' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.controlPublishesPerSecond).toMatch(/1/);
    expect(bad.errors.controlConfirmAboveHomes).toBe('Enter a number.');
  });

  it('treats a value typed back to the saved one as clean', () => {
    expect(isDirty(saved, { ...values, operatorName: saved.operatorName })).toBe(false);
    expect(isDirty(saved, { ...values, theme: 'dark' })).toBe(true);
  });
});
