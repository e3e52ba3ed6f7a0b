import type { FeedbackReading } from '../../../shared/domain/control/feedback-judge';
import { AssetGroupSchema, type AssetGroup } from '../../../shared/domain/control/live-command';
import {
  feedbackSubscriptions,
  responseMeaning,
  serialFromFeedbackTopic,
  type ProtocolProfile,
} from '../../../shared/protocol/profile';
import { isRecord, readPath } from '../../../shared/protocol/profile/json-read';
import type { InboundMessage } from '../broker/broker-port';
import { decodedFeedback } from '../broker/decoded-feedback';

const setpointPoliciesOf = new WeakMap<ProtocolProfile, Partial<Record<AssetGroup, readonly string[]>>>();

/** A feedback message decoded for control: the serial and what the judge needs. */
export type ControlFeedback = { serial: string; reading: Omit<FeedbackReading, 'fresh'> };

/**
 * Control's view of the protocol profile: the bits of shared/protocol/profile it needs, read from
 * the profile in force at each call (a settings change applies to the next command).
 */
export class ControlProtocol {
  constructor(private readonly profile: () => ProtocolProfile) {}

  get current(): ProtocolProfile {
    return this.profile();
  }

  /** What to subscribe to for these serials' feedback (one `+` filter when the profile allows it). */
  feedbackTopics(serials: readonly string[]): string[] {
    return feedbackSubscriptions(this.profile(), serials);
  }

  /** The serial of a feedback topic, or null for any other topic. */
  serialOf(topic: string): string | null {
    return serialFromFeedbackTopic(this.profile(), topic);
  }

  /** Per group, the policies that hold a setpoint (only those have a power to check). */
  setpointPolicies(): Partial<Record<AssetGroup, readonly string[]>> {
    const p = this.profile();
    // Asked for every feedback message: built once per profile in force.
    let policies = setpointPoliciesOf.get(p);
    if (policies === undefined) {
      policies = Object.fromEntries(AssetGroupSchema.options.map((g) => [g, p.groups[g].setpointPolicies]));
      setpointPoliciesOf.set(p, policies);
    }
    return policies;
  }

  /** Decodes a feedback message, or says why it is not usable feedback (logged by the caller). */
  decode(message: InboundMessage): ControlFeedback | { error: string } {
    const profile = this.profile();
    const d = decodedFeedback(profile, message);
    if (!d.ok) return { error: d.reason };
    const code = d.responseCode;
    return {
      serial: d.serial,
      reading: {
        responseCode: code,
        acceptedCode: profile.responseCodes.accepted,
        responseLabel: code === null ? 'none' : responseMeaning(profile, code).label,
        storageW: d.values.storageW,
        socPct: d.values.socPct,
        solarW: d.values.solarW,
        echoed: echoes(profile, d.raw),
      },
    };
  }
}

const echoParentsOf = new WeakMap<ProtocolProfile, [AssetGroup, string][]>();

/** Per group, the object that holds its power in feedback (where an echo would sit); once per profile. */
function echoParents(profile: ProtocolProfile): [AssetGroup, string][] {
  let parents = echoParentsOf.get(profile);
  if (parents === undefined) {
    const paths: [AssetGroup, string][] = [
      ['storage', profile.feedbackPaths.storageW],
      ['solar', profile.feedbackPaths.solarW],
    ];
    parents = paths.map(([group, path]) => [group, path.split('.').slice(0, -1).join('.')]);
    echoParentsOf.set(profile, parents);
  }
  return parents;
}

/**
 * What the controller says each group runs, where it says so. Not in protocol.md: the simulator (and
 * maybe a real controller) adds `policy` and `power_setpoint_W` next to a group's power. We look for
 * them beside the profile's power path (storage, solar) and use them only as extra evidence.
 */
function echoes(profile: ProtocolProfile, raw: Record<string, unknown>): FeedbackReading['echoed'] {
  const out: FeedbackReading['echoed'] = {};
  for (const [group, parentPath] of echoParents(profile)) {
    const parent = readPath(raw, parentPath);
    if (parent.kind !== 'found' || !isRecord(parent.value)) continue;
    const policy = parent.value['policy'];
    const setpoint = parent.value['power_setpoint_W'];
    const flip = group === 'storage' && !profile.signs.storageDischargePositive ? -1 : 1;
    out[group] = {
      ...(typeof policy === 'string' ? { policy } : {}),
      ...(typeof setpoint === 'number' && Number.isFinite(setpoint) ? { setpointW: setpoint * flip } : {}),
    };
  }
  return out;
}
