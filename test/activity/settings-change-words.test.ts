import { describe, expect, it } from 'vitest';
import { describeSettingsChange } from '../../shared/domain/activity/settings-change-words';
import { DEFAULT_PROFILE } from '../../shared/protocol/profile';

const withFeedback = (feedback: string) => ({
  ...DEFAULT_PROFILE,
  topics: { ...DEFAULT_PROFILE.topics, feedback },
});

describe('the words for a settings change in the audit trail', () => {
  it('names the protocol profile fields that changed, with old and new values', () => {
    const was = withFeedback('site/{serial}/fb');
    const now = { ...withFeedback('lab/{serial}/fb'), commandValiditySeconds: 45 };
    expect(describeSettingsChange({ protocolProfile: now }, { protocolProfile: was })).toBe(
      `protocolProfile.topics.feedback "site/{serial}/fb" → "lab/{serial}/fb", ` +
        `protocolProfile.commandValiditySeconds ${DEFAULT_PROFILE.commandValiditySeconds} → 45`,
    );
  });

  it('compares a first custom profile, and a reset, against the default profile', () => {
    const custom = { ...DEFAULT_PROFILE, commandValiditySeconds: 45 };
    expect(describeSettingsChange({ protocolProfile: custom }, { protocolProfile: null })).toBe(
      'protocolProfile.commandValiditySeconds 30 → 45',
    );
    expect(describeSettingsChange({ protocolProfile: null }, { protocolProfile: custom })).toBe(
      'protocolProfile.commandValiditySeconds 45 → 30, protocolProfile back to the default',
    );
  });

  it('names a long changed value without printing it', () => {
    const policies = ['self-consumption', 'cost', 'setpoint', 'peak-shaving', 'grid-support'];
    const storage = { ...DEFAULT_PROFILE.groups.storage, policies };
    const now = { ...DEFAULT_PROFILE, groups: { ...DEFAULT_PROFILE.groups, storage } };
    expect(describeSettingsChange({ protocolProfile: now }, { protocolProfile: DEFAULT_PROFILE })).toBe(
      'protocolProfile.groups.storage.policies',
    );
  });

  it('names only the top-level fields of entries written before old values were kept', () => {
    expect(describeSettingsChange({ protocolProfile: DEFAULT_PROFILE, stalePeriods: 4 }, undefined)).toBe(
      'protocolProfile, stalePeriods',
    );
  });
});
