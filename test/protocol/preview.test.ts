import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, previewProfile } from '../../shared/protocol/profile';
import { customProfile, defaults } from './fixtures';

describe('previewProfile', () => {
  it('shows the exact topics and an example payload for the default profile', () => {
    const r = previewProfile(DEFAULT_PROFILE, 'SG1-000123');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.nodeId).toBe('SG1-000123_site_0');
    expect(r.preview.topics).toEqual({
      command: 'standard1/rp_one_s/remoteControlMetrics/SG1-000123',
      feedback: 'standard1/outbound/remoteControlMetrics/feedback/SG1-000123',
      scheduleCommand: 'standard1/rp_one_s/remoteScheduleMetrics/SG1-000123',
      scheduleFeedback: 'standard1/outbound/remoteScheduleMetrics/feedback/SG1-000123',
    });
    expect(r.preview.feedbackSubscription).toBe(
      'standard1/outbound/remoteControlMetrics/feedback/SG1-000123',
    );
    expect(r.preview.exampleMessage.topic).toBe(r.preview.topics.command);
    expect(JSON.parse(r.preview.exampleMessage.payload)).toEqual({
      extraTags: { nodeId: 'SG1-000123_site_0' },
      time: 1_764_151_200,
      fields: {
        storage_policy: 'setpoint',
        storage_power_setpoint_W: -2500,
        solar_policy: 'curtail',
        solar_power_setpoint_W: 3000,
        ev_policy: 'setpoint',
        ev_power_setpoint_W: 7400,
        hvac_policy: 'default',
      },
      validUntil: 1_764_151_230,
      commandId: 'preview-0001',
    });
  });

  it('is deterministic, and follows a custom profile (keys, sign, wildcard, no extensions)', () => {
    const a = previewProfile(customProfile(), 'X-1');
    expect(a).toEqual(previewProfile(customProfile(), 'X-1'));
    if (!a.ok) throw new Error(a.errors.join('\n'));
    expect(a.preview.feedbackSubscription).toBe('acme/v2/+/control/state');
    expect(a.preview.exampleMessage.payload).toBe(
      '{"extraTags":{"nodeId":"site-X-1"},"time":1764151200,' +
        '"fields":{"bat_mode":"hold","bat_p":2500,"pv_mode":"cap","pv_cap":3000,"ev_mode":"fixed","ev_p":7400,"hp_mode":"boost","hp_p":2000}}',
    );
  });

  it('returns the errors of a draft profile or sample serial instead of throwing', () => {
    const draft = defaults();
    draft.topics.command = 'standard1/rp_one_s/remoteControlMetrics/+';
    expect(previewProfile(draft, 'a/b')).toEqual({
      ok: false,
      errors: [
        'topics.command: must contain {serial} exactly once (found 0)',
        "topics.command: must not contain the MQTT wildcards '+' or '#'",
        "sample serial: must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'",
      ],
    });
    expect(previewProfile(undefined, 'SG1').ok).toBe(false);
  });
});
