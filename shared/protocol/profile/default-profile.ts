import type { ProtocolProfile } from './profile-schema';

/**
 * Fleetdesk's default profile, exactly the one protocol.md §2/§3 describes (and the simulator
 * implements). Every name here is [INF] or [CODE] in that document: configurable, not known for sure.
 */
const defaults: ProtocolProfile = {
  topics: {
    command: 'standard1/rp_one_s/remoteControlMetrics/{serial}',
    feedback: 'standard1/outbound/remoteControlMetrics/feedback/{serial}',
    scheduleCommand: 'standard1/rp_one_s/remoteScheduleMetrics/{serial}',
    scheduleFeedback: 'standard1/outbound/remoteScheduleMetrics/feedback/{serial}',
  },
  nodeIdTemplate: '{serial}_site_0',
  // Whether Eniris' broker ACLs allow a `+` subscription for a supplier is undocumented [GAP].
  wildcardFeedback: false,
  groups: {
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
  },
  signs: { storageDischargePositive: true, gridImportPositive: true },
  feedbackPaths: {
    time: 'time',
    responseCode: 'fields.response_code',
    storageW: 'fields.state.storage.active_power_W',
    socPct: 'fields.state.storage.mean_soc_perc',
    storedWh: 'fields.state.storage.energy_stored_Wh',
    solarW: 'fields.state.solar.active_power_W',
    gridW: 'fields.state.grid.active_power_W',
  },
  responseCodes: { accepted: 0, malformed: 1, unknownPolicy: 2, setpointOutOfRange: 3, groupNotPresent: 4 },
  // Short on purpose: a command delivered later than this is stale. Live control re-sends every
  // fallback/3 (≥ 20 s for a 60 s fallback), so a fresh command follows a dropped stale one.
  commandValiditySeconds: 30,
  fleetdeskExtensions: true,
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The default profile, frozen: copy it (`structuredClone`) to edit. */
export const DEFAULT_PROFILE: Readonly<ProtocolProfile> = deepFreeze(defaults);
