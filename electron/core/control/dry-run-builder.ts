import {
  commandImpact,
  type ControlCommand,
  type DryRunTarget,
} from '../../../shared/domain/control/dry-run';
import { fallbackSeconds, refreshEveryMs, validUntilFor } from '../../../shared/domain/control/lease';
import { AssetGroupSchema } from '../../../shared/domain/control/live-command';
import type { Installation } from '../../../shared/domain/inventory/installation';
import { encodeLiveCommand, validateCommand, type ProtocolProfile } from '../../../shared/protocol/profile';
import type { CommandView } from './command-record';

export type DryRunContext = {
  profile: ProtocolProfile;
  now: number;
  installation: (serial: string) => Installation | undefined;
  fallbackOverride: (serial: string) => number | null | undefined;
  /** Commands in force on the serial that this command would take a group from. */
  overlapping: (serial: string, command: ControlCommand) => CommandView[];
};

/** The id shown in a dry-run payload; the real send gets a fresh one. */
export const DRY_RUN_ID = 'dry-run';

/**
 * Why an installation can take no command at all (gone, offboarded, rejected), or null. Checked for
 * every send and again before each lease refresh: what was controllable when sent may not be now.
 */
export function notControllable(serial: string, installation: Installation | undefined): string | null {
  if (installation === undefined) return `${serial} is not in the inventory`;
  const onboarding = installation.onboarding.state;
  if (onboarding === 'offboarded') return 'the installation is offboarded: control is no longer possible';
  if (onboarding === 'rejected') return 'the installation was rejected in the onboarding inbox';
  return null;
}

/**
 * Checks and encodes one target exactly as `send` would now: onboarding state, fallback timeout,
 * the profile's policy list and the installation's ratings. Never throws.
 */
export function dryRunTarget(
  serial: string,
  cmd: ControlCommand,
  ctx: DryRunContext,
  /** false: the checks only, no message (the sender's re-check encodes the real one itself). */
  encode = true,
): DryRunTarget {
  const base = { serial, kind: cmd.kind, message: null, impact: {}, lease: null };
  const installation = ctx.installation(serial);
  const refusal = notControllable(serial, installation);
  if (installation === undefined) return { ...base, errors: [refusal ?? ''], warnings: [] };
  const errors: string[] = [];
  const warnings: string[] = [];
  if (refusal !== null) errors.push(refusal);
  if (installation.onboarding.state === 'pending')
    warnings.push('the installation is not linked to a contract yet');

  const fallback = fallbackSeconds(ctx.fallbackOverride(serial), installation.fallbackTimeoutSeconds);
  if (!fallback.ok) errors.push(fallback.reason);
  else if (fallback.seconds < 3) {
    warnings.push(
      `fallback timeout ${fallback.seconds} s: refreshes cannot come every third of it at one command a second`,
    );
  }
  const check = validateCommand(ctx.profile, installation.devices, cmd.command);
  errors.push(...check.errors);
  warnings.push(...check.warnings);
  for (const c of ctx.overlapping(serial, cmd)) {
    const groups = c.groups.filter((g) => cmd.command[g] !== undefined).join(', ');
    warnings.push(`supersedes command ${c.commandId} (${groups}, ${c.state.state})`);
  }
  if (!cmd.hold)
    warnings.push('not held: the controller returns to local control after its fallback timeout');

  const impact = commandImpact(installation.devices, cmd.command);
  if (errors.length > 0 || !fallback.ok) return { ...base, impact, errors, warnings };
  const validUntil = validUntilFor(ctx.now, fallback.seconds);
  const lease = {
    fallbackS: fallback.seconds,
    refreshEveryMs: refreshEveryMs(fallback.seconds),
    validUntil,
  };
  if (!encode) return { ...base, impact, errors, warnings, lease };
  try {
    const message = encodeLiveCommand(ctx.profile, serial, cmd.command, {
      now: ctx.now,
      validUntil,
      commandId: DRY_RUN_ID,
      nodeId: installation.siteNodeId,
    });
    return { ...base, message, impact, errors, warnings, lease };
  } catch (error) {
    errors.push(`cannot encode: ${error instanceof Error ? error.message : String(error)}`);
    return { ...base, impact, errors, warnings };
  }
}

/** The asset groups a command names, in wire order. */
export const groupsOf = (cmd: ControlCommand) =>
  AssetGroupSchema.options.filter((g) => cmd.command[g] !== undefined);
