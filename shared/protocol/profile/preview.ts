import type { AssetGroup, EncodedMessage, LiveCommand } from '../../domain/control/live-command';
import { encodeLiveCommand } from './encode-command';
import { parseProtocolProfile } from './parse-profile';
import { ASSET_GROUPS, type GroupProfile, type ProtocolProfile } from './profile-schema';
import { isSerial } from './templates';
import {
  commandTopic,
  feedbackSubscriptions,
  feedbackTopic,
  nodeIdFor,
  scheduleCommandTopic,
  scheduleFeedbackTopic,
} from './topics';

/** The `time` of protocol.md's example command (2025-11-26T10:00:00Z), so previews are stable. */
export const PREVIEW_NOW_MS = 1_764_151_200_000;

/** Example setpoints in Fleetdesk's convention: protocol.md §2's storage and solar, a 7.4 kW charger. */
const EXAMPLE_SETPOINT_W: Record<AssetGroup, number> = { storage: -2500, solar: 3000, ev: 7400, hvac: 2000 };

export interface ProfilePreview {
  serial: string;
  nodeId: string;
  topics: { command: string; feedback: string; scheduleCommand: string; scheduleFeedback: string };
  /** What Fleetdesk subscribes to for live feedback. */
  feedbackSubscription: string;
  /** The command the example was built from: every group, its setpoint policy where it has one. */
  exampleCommand: LiveCommand;
  /** The exact bytes that command becomes on the wire. */
  exampleMessage: EncodedMessage;
}

/**
 * The Settings preview: the exact topics and an example payload a profile produces for a sample
 * serial. Accepts an unvalidated draft; a bad profile or serial gives the errors instead.
 */
export function previewProfile(
  profile: unknown,
  sampleSerial: string,
  now: number = PREVIEW_NOW_MS,
): { ok: true; preview: ProfilePreview } | { ok: false; errors: string[] } {
  const parsed = parseProtocolProfile(profile);
  const errors = parsed.ok ? [] : [...parsed.errors];
  if (!isSerial(sampleSerial))
    errors.push("sample serial: must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, preview: build(parsed.profile, sampleSerial, now) };
}

function build(profile: ProtocolProfile, serial: string, now: number): ProfilePreview {
  const exampleCommand: LiveCommand = {};
  for (const group of ASSET_GROUPS)
    exampleCommand[group] = exampleFor(profile.groups[group], EXAMPLE_SETPOINT_W[group]);
  return {
    serial,
    nodeId: nodeIdFor(profile, serial),
    topics: {
      command: commandTopic(profile, serial),
      feedback: feedbackTopic(profile, serial),
      scheduleCommand: scheduleCommandTopic(profile, serial),
      scheduleFeedback: scheduleFeedbackTopic(profile, serial),
    },
    feedbackSubscription: feedbackSubscriptions(profile, [serial])[0] ?? '',
    exampleCommand,
    exampleMessage: encodeLiveCommand(profile, serial, exampleCommand, { now, commandId: 'preview-0001' }),
  };
}

function exampleFor(group: GroupProfile, setpointW: number): { policy: string; setpointW?: number } {
  const policy = group.setpointPolicies[0];
  if (policy !== undefined)
    return { policy, setpointW: group.negativeSetpointAllowed ? setpointW : Math.abs(setpointW) };
  return { policy: group.policies[0] ?? '' };
}
