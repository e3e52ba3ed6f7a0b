import type { ControlRequestSchema } from '../../../../shared/contract/control-methods';
import {
  AssetGroupSchema,
  type AssetGroup,
  type LiveCommand,
} from '../../../../shared/domain/control/live-command';
import { DEFAULT_PROFILE } from '../../../../shared/protocol/profile';
import type { z } from 'zod';

export type ControlRequest = z.infer<typeof ControlRequestSchema>;

/** What the operator set for one group: included or not, a policy, maybe a setpoint. */
export type GroupDraft = { include: boolean; policy: string; setpointW: number | '' };

export type Draft = { serials: string[]; groups: Record<AssetGroup, GroupDraft>; hold: boolean };

export const GROUPS: readonly AssetGroup[] = AssetGroupSchema.options;

/** The policy vocabulary of a group, from the default protocol profile. */
export const policiesOf = (group: AssetGroup): readonly string[] => DEFAULT_PROFILE.groups[group].policies;

/** Whether a policy of a group takes a setpoint. */
export const takesSetpoint = (group: AssetGroup, policy: string): boolean =>
  DEFAULT_PROFILE.groups[group].setpointPolicies.includes(policy);

export function emptyDraft(): Draft {
  const groups = Object.fromEntries(
    GROUPS.map((g) => [g, { include: false, policy: policiesOf(g)[0] ?? '', setpointW: '' }]),
  ) as Record<AssetGroup, GroupDraft>;
  return { serials: [], groups, hold: true };
}

/** The request the draft stands for, or why it cannot be sent yet. */
export function toRequest(draft: Draft): { ok: true; request: ControlRequest } | { ok: false; why: string } {
  if (draft.serials.length === 0) return { ok: false, why: 'Pick at least one target.' };
  const command: LiveCommand = {};
  for (const g of GROUPS) {
    const d = draft.groups[g];
    if (!d.include) continue;
    if (takesSetpoint(g, d.policy)) {
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
