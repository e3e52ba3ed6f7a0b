/**
 * The default protocol profile of protocol.md §2/§3, restated here on purpose: the simulator is an
 * independent implementation and must not share the app's encoder, so a disagreement shows up in tests.
 */

/** Asset groups a command can address. */
export const GROUPS = ['storage', 'solar', 'ev', 'hvac'] as const;
export type Group = (typeof GROUPS)[number];

/** Policy vocabulary per group (protocol.md §2 default profile). */
export const POLICIES = {
  storage: ['self-consumption', 'cost', 'setpoint'],
  solar: ['unrestricted', 'feed-in-restriction', 'curtail'],
  ev: ['default', 'off', 'setpoint'],
  hvac: ['default', 'off', 'on'],
} as const satisfies Record<Group, readonly string[]>;

export type StoragePolicy = (typeof POLICIES.storage)[number];
export type SolarPolicy = (typeof POLICIES.solar)[number];
export type EvPolicy = (typeof POLICIES.ev)[number];
export type HvacPolicy = (typeof POLICIES.hvac)[number];

/** The `fields` keys of a live command, per group. */
export const GROUP_KEYS: Record<Group, { policy: string; setpoint: string }> = {
  storage: { policy: 'storage_policy', setpoint: 'storage_power_setpoint_W' },
  solar: { policy: 'solar_policy', setpoint: 'solar_power_setpoint_W' },
  ev: { policy: 'ev_policy', setpoint: 'ev_power_setpoint_W' },
  hvac: { policy: 'hvac_policy', setpoint: 'hvac_power_setpoint_W' },
};

/** What a group does when nobody (no live command, no schedule) controls it. */
export const LOCAL_POLICY = {
  storage: 'self-consumption',
  solar: 'unrestricted',
  ev: 'default',
  hvac: 'default',
} as const satisfies Record<Group, string>;

/** Policies that are meaningless without a power setpoint. */
export const SETPOINT_POLICIES: ReadonlySet<string> = new Set([
  'storage:setpoint',
  'solar:curtail',
  'ev:setpoint',
]);

/** The policy a bare setpoint (no policy key) implies when the group has no setpoint policy yet. */
export const IMPLIED_SETPOINT_POLICY: Partial<Record<Group, string>> = {
  storage: 'setpoint',
  solar: 'curtail',
  ev: 'setpoint',
};

/** Response codes of the default profile. */
export const ResponseCode = {
  accepted: 0,
  malformed: 1,
  unknownPolicy: 2,
  outOfRange: 3,
  notPresent: 4,
} as const;
export type ResponseCodeValue = (typeof ResponseCode)[keyof typeof ResponseCode];

/** True when `policy` belongs to the group's vocabulary. */
export function isPolicyOf(group: Group, policy: string): boolean {
  return (POLICIES[group] as readonly string[]).includes(policy);
}

/** Site node id of a controller (`<SN>_site_0`). */
export const siteNodeId = (serial: string): string => `${serial}_site_0`;

/** MQTT topics of one controller, default profile. */
export const topics = {
  command: (serial: string): string => `standard1/rp_one_s/remoteControlMetrics/${serial}`,
  feedback: (serial: string): string => `standard1/outbound/remoteControlMetrics/feedback/${serial}`,
  schedule: (serial: string): string => `standard1/rp_one_s/remoteScheduleMetrics/${serial}`,
  scheduleFeedback: (serial: string): string => `standard1/outbound/remoteScheduleMetrics/feedback/${serial}`,
};

/** Wildcard subscriptions for the shared connection (one subscription per kind instead of per serial). */
export const wildcardTopics = {
  command: 'standard1/rp_one_s/remoteControlMetrics/+',
  schedule: 'standard1/rp_one_s/remoteScheduleMetrics/+',
};

/** Which inbound topic a message came on and for which serial; undefined for foreign topics. */
export function routeTopic(topic: string): { kind: 'command' | 'schedule'; serial: string } | undefined {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== 'standard1' || parts[1] !== 'rp_one_s') return undefined;
  const serial = parts[3];
  if (serial === undefined || serial === '') return undefined;
  if (parts[2] === 'remoteControlMetrics') return { kind: 'command', serial };
  if (parts[2] === 'remoteScheduleMetrics') return { kind: 'schedule', serial };
  return undefined;
}
