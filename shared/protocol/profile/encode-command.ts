import type { AssetGroup, EncodedMessage, LiveCommand } from '../../domain/control/live-command';
import { ASSET_GROUPS, type ProtocolProfile } from './profile-schema';
import { commandTopic, expectedNodeId } from './topics';

export interface EncodeOptions {
  /** When the command is sent, ms since the epoch; goes on the wire as `time` in Unix seconds. */
  now: number;
  /** Ms since the epoch after which the controller must not apply it; default now + the profile's validity. */
  validUntil?: number;
  /** Fleetdesk's id of this command (sent as `commandId`; repeats of one command share it). */
  commandId: string;
  /** The site node id the controller reported at onboarding, which wins over the template (`expectedNodeId`). */
  nodeId?: string | null | undefined;
}

const MAX_COMMAND_ID = 200;

/**
 * Encodes a live command (protocol.md §2 envelope) for one controller:
 *
 * `{"extraTags":{"nodeId":…},"time":s,"fields":{<policy key>:…,<setpoint key>:W,…},"validUntil":s,"commandId":…}`
 *
 * `fields` holds only the groups the command names, in the order storage, solar, ev, hvac, each
 * policy key before its setpoint key, so equal commands give equal bytes. Setpoints are in Fleetdesk's
 * convention (storage + = discharge) and converted to the profile's. `validUntil` and `commandId` are
 * Fleetdesk additions, not Eniris fields: the simulator honours them (drops late commands, ignores
 * redeliveries) and a controller that does not know them should ignore them; `fleetdeskExtensions:
 * false` leaves them out. Times are floored to whole seconds, so validity is never extended.
 *
 * Call `validateCommand` first; this only refuses what must never reach the wire (throws an Error):
 * a bad serial, a policy outside the vocabulary, a non-finite setpoint, bad times or id.
 */
export function encodeLiveCommand(
  profile: ProtocolProfile,
  serial: string,
  command: LiveCommand,
  options: EncodeOptions,
): EncodedMessage {
  const topic = commandTopic(profile, serial);
  const { timeS, validUntilS } = wireTimes(profile, options);
  const commandId = options.commandId;
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > MAX_COMMAND_ID) {
    throw new Error(`commandId must be 1-${MAX_COMMAND_ID} characters`);
  }
  const fields = encodeFields(profile, command);
  const payload = {
    extraTags: { nodeId: expectedNodeId(profile, serial, options.nodeId) },
    time: timeS,
    fields,
    ...(profile.fleetdeskExtensions ? { validUntil: validUntilS, commandId } : {}),
  };
  return { topic, payload: JSON.stringify(payload) };
}

function wireTimes(profile: ProtocolProfile, { now, validUntil }: EncodeOptions) {
  if (!Number.isFinite(now) || now < 0) throw new Error(`now must be ms since the epoch (got ${now})`);
  const until = validUntil ?? now + profile.commandValiditySeconds * 1000;
  if (!Number.isFinite(until)) throw new Error(`validUntil must be ms since the epoch (got ${until})`);
  const timeS = Math.floor(now / 1000);
  const validUntilS = Math.floor(until / 1000);
  if (validUntilS <= timeS) {
    throw new Error(
      'validUntil must be at least one whole second after now; the command would arrive expired',
    );
  }
  return { timeS, validUntilS };
}

function encodeFields(profile: ProtocolProfile, command: LiveCommand): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  for (const group of ASSET_GROUPS) {
    const c = command[group];
    if (c === undefined) continue;
    const rules = profile.groups[group];
    if (!rules.policies.includes(c.policy)) {
      throw new Error(`${group}: policy "${c.policy}" is not in the profile's vocabulary`);
    }
    fields[rules.policyKey] = c.policy;
    if (c.setpointW !== undefined) {
      if (!Number.isFinite(c.setpointW))
        throw new Error(`${group}: setpoint must be finite (got ${c.setpointW})`);
      fields[rules.setpointKey] = toWireSetpoint(profile, group, c.setpointW);
    }
  }
  if (Object.keys(fields).length === 0) throw new Error('the command names no asset group');
  return fields;
}

/** Fleetdesk's convention → the profile's: only storage has a configurable sign. */
export function toWireSetpoint(profile: ProtocolProfile, group: AssetGroup, w: number): number {
  const wire = group === 'storage' && !profile.signs.storageDischargePositive ? -w : w;
  return wire === 0 ? 0 : wire;
}
