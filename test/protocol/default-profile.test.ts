import { describe, expect, it } from 'vitest';
import * as simulator from '../../electron/simulator/profile';
import {
  ASSET_GROUPS,
  DEFAULT_PROFILE,
  ProtocolProfileSchema,
  parseProtocolProfile,
} from '../../shared/protocol/profile';

describe('the default profile is protocol.md §2/§3', () => {
  it('passes its own schema unchanged', () => {
    expect(parseProtocolProfile(DEFAULT_PROFILE)).toEqual({ ok: true, profile: DEFAULT_PROFILE });
    expect(ProtocolProfileSchema.parse(DEFAULT_PROFILE)).toEqual(DEFAULT_PROFILE);
  });

  it('has the literal topics and node id', () => {
    expect(DEFAULT_PROFILE.topics).toEqual({
      command: 'standard1/rp_one_s/remoteControlMetrics/{serial}',
      feedback: 'standard1/outbound/remoteControlMetrics/feedback/{serial}',
      scheduleCommand: 'standard1/rp_one_s/remoteScheduleMetrics/{serial}',
      scheduleFeedback: 'standard1/outbound/remoteScheduleMetrics/feedback/{serial}',
    });
    expect(DEFAULT_PROFILE.nodeIdTemplate).toBe('{serial}_site_0');
    expect(DEFAULT_PROFILE.wildcardFeedback).toBe(false);
  });

  it('has the keys, vocabularies and setpoint policies of the table', () => {
    expect(DEFAULT_PROFILE.groups).toEqual({
      storage: {
        policyKey: 'storage_policy',
        setpointKey: 'storage_power_setpoint_W',
        policies: ['self-consumption', 'cost', 'setpoint'],
        setpointPolicies: ['setpoint'],
        negativeSetpointAllowed: true,
      },
      solar: {
        policyKey: 'solar_policy',
        setpointKey: 'solar_power_setpoint_W',
        policies: ['unrestricted', 'feed-in-restriction', 'curtail'],
        setpointPolicies: ['curtail'],
        negativeSetpointAllowed: false,
      },
      ev: {
        policyKey: 'ev_policy',
        setpointKey: 'ev_power_setpoint_W',
        policies: ['default', 'off', 'setpoint'],
        setpointPolicies: ['setpoint'],
        negativeSetpointAllowed: false,
      },
      hvac: {
        policyKey: 'hvac_policy',
        setpointKey: 'hvac_power_setpoint_W',
        policies: ['default', 'off', 'on'],
        setpointPolicies: [],
        negativeSetpointAllowed: false,
      },
    });
  });

  it('has the sign convention, feedback paths and response codes', () => {
    expect(DEFAULT_PROFILE.signs).toEqual({ storageDischargePositive: true, gridImportPositive: true });
    expect(DEFAULT_PROFILE.feedbackPaths).toEqual({
      time: 'time',
      responseCode: 'fields.response_code',
      storageW: 'fields.state.storage.active_power_W',
      socPct: 'fields.state.storage.mean_soc_perc',
      storedWh: 'fields.state.storage.energy_stored_Wh',
      solarW: 'fields.state.solar.active_power_W',
      gridW: 'fields.state.grid.active_power_W',
    });
    expect(DEFAULT_PROFILE.responseCodes).toEqual({
      accepted: 0,
      malformed: 1,
      unknownPolicy: 2,
      setpointOutOfRange: 3,
      groupNotPresent: 4,
    });
    expect(DEFAULT_PROFILE.fleetdeskExtensions).toBe(true);
    expect(DEFAULT_PROFILE.commandValiditySeconds).toBe(30);
  });

  it('is frozen, so nobody edits the shared default by accident', () => {
    expect(Object.isFrozen(DEFAULT_PROFILE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PROFILE.groups.storage.policies)).toBe(true);
  });

  // The simulator restates protocol.md independently; both readings must agree.
  it('agrees with the simulator’s independent reading of protocol.md', () => {
    expect([...ASSET_GROUPS]).toEqual([...simulator.GROUPS]);
    for (const g of ASSET_GROUPS) {
      const p = DEFAULT_PROFILE.groups[g];
      expect({ policy: p.policyKey, setpoint: p.setpointKey }).toEqual(simulator.GROUP_KEYS[g]);
      expect(p.policies).toEqual([...simulator.POLICIES[g]]);
      for (const policy of p.policies) {
        expect(p.setpointPolicies.includes(policy)).toBe(simulator.SETPOINT_POLICIES.has(`${g}:${policy}`));
      }
    }
    expect(Object.values(DEFAULT_PROFILE.responseCodes)).toEqual(Object.values(simulator.ResponseCode));
  });
});
