import type { Device } from '../../shared/domain/inventory/installation';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';

/** protocol.md §2 example time (2025-11-26T10:00:00Z) in ms. */
export const NOW = 1_764_151_200_000;
export const SERIAL = 'SG1-000123';

/** A site with a 5 kW battery (two devices), 6 kW PV, a 11 kW charger and no heat pump. */
export const DEVICES: Device[] = [
  { type: 'storage', model: 'BYD HVS 10.2', nominalPowerW: 3000, capacityWh: 10_000 },
  { type: 'storage', nominalPowerW: 2000, capacityWh: 5000 },
  { type: 'solar', nominalPowerW: 6000 },
  { type: 'ev', nominalPowerW: 11_000 },
  { type: 'meter' },
];

/** A mutable copy of the default profile. */
export const defaults = (): ProtocolProfile => structuredClone(DEFAULT_PROFILE) as ProtocolProfile;

/**
 * A profile that renames everything: other topics (serial mid-level), node id, keys, vocabulary and
 * both signs flipped, other feedback paths and response codes.
 */
export function customProfile(): ProtocolProfile {
  return {
    topics: {
      command: 'acme/v2/{serial}/control/set',
      feedback: 'acme/v2/{serial}/control/state',
      scheduleCommand: 'acme/v2/{serial}/plan/set',
      scheduleFeedback: 'acme/v2/{serial}/plan/state',
    },
    nodeIdTemplate: 'site-{serial}',
    wildcardFeedback: true,
    groups: {
      storage: {
        policyKey: 'bat_mode',
        setpointKey: 'bat_p',
        policies: ['auto', 'hold'],
        setpointPolicies: ['hold'],
        negativeSetpointAllowed: true,
      },
      solar: {
        policyKey: 'pv_mode',
        setpointKey: 'pv_cap',
        policies: ['free', 'cap'],
        setpointPolicies: ['cap'],
        negativeSetpointAllowed: false,
      },
      ev: {
        policyKey: 'ev_mode',
        setpointKey: 'ev_p',
        policies: ['auto', 'fixed'],
        setpointPolicies: ['fixed'],
        negativeSetpointAllowed: false,
      },
      hvac: {
        policyKey: 'hp_mode',
        setpointKey: 'hp_p',
        policies: ['auto', 'boost'],
        setpointPolicies: ['boost'],
        negativeSetpointAllowed: false,
      },
    },
    signs: { storageDischargePositive: false, gridImportPositive: false },
    feedbackPaths: {
      time: 'ts',
      responseCode: 'ack.code',
      storageW: 'm.bat.p',
      socPct: 'm.bat.soc',
      storedWh: 'm.bat.e',
      solarW: 'm.pv.p',
      gridW: 'm.grid.p',
    },
    responseCodes: {
      accepted: 200,
      malformed: 400,
      unknownPolicy: 404,
      setpointOutOfRange: 416,
      groupNotPresent: 410,
    },
    commandValiditySeconds: 10,
    fleetdeskExtensions: false,
  };
}

/** The live feedback shape of protocol.md §2 with the default profile's fields. */
export function feedbackPayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    extraTags: { nodeId: `${SERIAL}_site_0` },
    time: 1_764_151_210,
    fields: {
      state: {
        grid: {
          active_power_W: 1200,
          today_imported_energy_Wh: 5300,
          today_exported_energy_Wh: 800,
          import_limit_W: 9200,
          export_limit_W: 9200,
        },
        vpp_id: '',
        storage: {
          mean_soc_perc: 54.5,
          active_power_W: -2500,
          energy_stored_Wh: 5450,
          today_charged_Wh: 3000,
          today_discharged_Wh: 1000,
        },
        solar: { active_power_W: 3000, today_energy_Wh: 12_000 },
        heat_pump: { operation_modes: ['heating'], active_power_W: 800 },
        switched_load: {},
      },
      response_code: 0,
    },
    ...over,
  };
}
