import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, versionOf } from '../../shared/domain/migrations';
import { readSettings } from '../../shared/domain/settings-read';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, applySettingsPatch } from '../../shared/domain/settings';

describe('migrate', () => {
  const steps = {
    0: (d: Record<string, unknown>) => ({ ...d, port: d['listenerPort'] }),
    1: (d: Record<string, unknown>) => ({ ...d, listener: { port: d['port'] } }),
  };

  it('runs each step in order and stamps the version', () => {
    expect(migrate({ listenerPort: 9 }, 2, steps)).toEqual({
      listenerPort: 9,
      port: 9,
      listener: { port: 9 },
      schemaVersion: 2,
    });
  });

  it('leaves its input untouched (pure)', () => {
    const doc = { listenerPort: 9, nested: { a: 1 } };
    migrate(doc, 2, steps);
    expect(doc).toEqual({ listenerPort: 9, nested: { a: 1 } });
  });

  it('refuses a document from a newer build instead of guessing', () => {
    expect(() => migrate({ schemaVersion: 5 }, 2, steps)).toThrow(/newer Fleetdesk/);
  });

  it('refuses when a step is missing', () => {
    expect(() => migrate({ schemaVersion: 0 }, 3, steps)).toThrow(MigrationError);
  });

  it('rejects a schemaVersion that is not a non-negative integer', () => {
    expect(() => versionOf({ schemaVersion: '1' })).toThrow(MigrationError);
    expect(() => versionOf({ schemaVersion: 1.5 })).toThrow(MigrationError);
  });
});

describe('readSettings', () => {
  it('brings an unversioned file to the current version and keeps its values', () => {
    const read = readSettings({ operatorName: 'Ann' });
    expect(read).toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, operatorName: 'Ann', schemaVersion: SETTINGS_VERSION },
    });
  });

  it('fills a partial listener block from defaults', () => {
    const read = readSettings({ schemaVersion: SETTINGS_VERSION, listener: { port: 9000 } });
    expect(read.ok && read.value.listener).toEqual({ ...DEFAULT_SETTINGS.listener, port: 9000 });
  });

  it('names the field that does not match the schema', () => {
    const read = readSettings({ schemaVersion: SETTINGS_VERSION, theme: 'purple' });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/theme/);
  });
});

describe('applySettingsPatch', () => {
  it('merges a partial listener patch without blanking other fields', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { listener: { port: 9100 }, operatorName: 'Bo' });
    expect(next.listener).toEqual({ ...DEFAULT_SETTINGS.listener, port: 9100 });
    expect(next.operatorName).toBe('Bo');
    expect(next.theme).toBe(DEFAULT_SETTINGS.theme);
  });
});
