import { describe, expect, it } from 'vitest';
import { readSettings } from '../../shared/domain/settings-read';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema } from '../../shared/domain/settings';
import { DEFAULT_PROFILE } from '../../shared/protocol/profile';

/** A settings file as a build before broker profiles and the protocol editor wrote it. */
const OLD_FILE = {
  schemaVersion: 1,
  operatorName: 'Ada',
  theme: 'dark',
  language: 'en',
  listener: { host: '127.0.0.1', port: 8787, publicUrl: '', tlsCertFile: '', tlsKeyFile: '' },
  stalePeriods: 3,
  healthPeriodSeconds: 300,
  autoLinkExactMatches: true,
};

describe('settings: broker profiles and protocol profile', () => {
  it('loads an older file without the new fields, keeping what it had', () => {
    const read = readSettings(OLD_FILE);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.operatorName).toBe('Ada');
    expect(read.value.brokerProfiles).toEqual([]);
    expect(read.value.activeBrokerProfileId).toBeNull();
    expect(read.value.protocolProfile).toBeNull();
  });

  it('round-trips an edited protocol profile through the settings schema and JSON', () => {
    const profile = structuredClone(DEFAULT_PROFILE) as typeof DEFAULT_PROFILE & {
      topics: { feedback: string };
    };
    profile.topics.feedback = 'site/{serial}/feedback';
    const settings = { ...DEFAULT_SETTINGS, protocolProfile: profile };
    const back = SettingsSchema.parse(JSON.parse(JSON.stringify(settings)));
    expect(back.protocolProfile?.topics.feedback).toBe('site/{serial}/feedback');
    expect(back).toEqual(settings);
  });

  it('refuses an invalid protocol profile in a patch, naming the field', () => {
    const bad = structuredClone(DEFAULT_PROFILE) as typeof DEFAULT_PROFILE & { topics: { command: string } };
    bad.topics.command = 'no/serial/here';
    const parsed = SettingsPatchSchema.safeParse({ protocolProfile: bad });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['protocolProfile', 'topics', 'command']);
    expect(SettingsPatchSchema.safeParse({ protocolProfile: null }).success).toBe(true);
  });

  it('refuses to load a saved broker profile whose URL carries credentials', () => {
    const read = readSettings({
      ...OLD_FILE,
      brokerProfiles: [{ id: 'p', name: 'P', url: 'mqtt://user:pw@host:1883' }],
    });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(/brokerProfiles\.0\.url/);
  });
});
