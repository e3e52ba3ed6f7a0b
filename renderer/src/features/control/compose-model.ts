import type { ControlRequestSchema } from '../../../../shared/contract/control-methods';
import {
  AssetGroupSchema,
  type AssetGroup,
  type LiveCommand,
} from '../../../../shared/domain/control/live-command';
import type { ProtocolProfile } from '../../../../shared/protocol/profile';
import type { z } from 'zod';

export type ControlRequest = z.infer<typeof ControlRequestSchema>;

/** What the operator set for one group: included or not, a policy, maybe a setpoint. */
export type GroupDraft = { include: boolean; policy: string; setpointW: number | '' };

export type Draft = { serials: string[]; groups: Record<AssetGroup, GroupDraft>; hold: boolean };

export const GROUPS: readonly AssetGroup[] = AssetGroupSchema.options;

/**
 * The policy vocabulary of a group, from the profile in use (Settings → Protocol profile): the core
 * validates against that profile, so offering the default's words would let the operator compose
 * commands the core refuses.
 */
export const policiesOf = (profile: ProtocolProfile, group: AssetGroup): readonly string[] =>
  profile.groups[group].policies;

/** Whether a policy of a group takes a setpoint, in the profile in use. */
export const takesSetpoint = (profile: ProtocolProfile, group: AssetGroup, policy: string): boolean =>
  profile.groups[group].setpointPolicies.includes(policy);

export function emptyDraft(profile: ProtocolProfile): Draft {
  const groups = Object.fromEntries(
    GROUPS.map((g) => [g, { include: false, policy: policiesOf(profile, g)[0] ?? '', setpointW: '' }]),
  ) as Record<AssetGroup, GroupDraft>;
  return { serials: [], groups, hold: true };
}

/** The request the draft stands for, or why it cannot be sent yet. */
export function toRequest(
  draft: Draft,
  profile: ProtocolProfile,
): { ok: true; request: ControlRequest } | { ok: false; why: string } {
  if (draft.serials.length === 0) return { ok: false, why: 'Pick at least one target.' };
  const command: LiveCommand = {};
  for (const g of GROUPS) {
    const d = draft.groups[g];
    if (!d.include) continue;
    if (!policiesOf(profile, g).includes(d.policy))
      return { ok: false, why: `Pick a ${g} policy of the protocol profile in use.` };
    if (takesSetpoint(profile, g, d.policy)) {
      if (d.setpointW === '') return { ok: false, why: `Enter the ${g} setpoint.` };
      command[g] = { policy: d.policy, setpointW: d.setpointW };
    } else {
      command[g] = { policy: d.policy };
    }
  }
  if (Object.keys(command).length === 0) return { ok: false, why: 'Include at least one asset group.' };
  return { ok: true, request: { serials: draft.serials, command, hold: draft.hold } };
}

/** A stable key for a request: Send is only allowed while it equals the previewed one. */
export const requestKey = (r: ControlRequest): string => JSON.stringify(r);
