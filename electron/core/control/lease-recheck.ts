import { fallbackSeconds } from '../../../shared/domain/control/lease';
import type { LiveCommand } from '../../../shared/domain/control/live-command';
import type { Installation } from '../../../shared/domain/inventory/installation';
import { validateCommand, type ProtocolProfile } from '../../../shared/protocol/profile';
import { notControllable } from './dry-run-builder';

/** What a lease depends on, read again now: the inventory, the operator's timeout, the profile. */
export type LeaseFacts = {
  serial: string;
  installation: Installation | undefined;
  profile: ProtocolProfile;
  fallbackOverride: number | null | undefined;
  /** What the lease re-sends and its timeout; null when nothing is in force yet (drafts only). */
  inForce: { command: LiveCommand; fallbackS: number } | null;
};

/**
 * What to do with the lease: keep it as it is, re-plan it on a new fallback timeout, or release it
 * with the reason the operator reads in the journal. `signalRemoved`: the installation was
 * offboarded, so its controller is on local control at once (protocol.md §4).
 */
export type LeaseVerdict =
  | { kind: 'same' }
  | { kind: 'fallback'; seconds: number }
  | { kind: 'release'; reason: string; signalRemoved: boolean };

/**
 * Judges a lease on what its installation is now. A refresh is a new delivery of the command, so
 * it must pass the same check as a send: an installation re-onboarded with a smaller battery (or
 * none) or a profile without the policy must not keep receiving a setpoint it can no longer take.
 * The whole lease is released, not only the failing group: the controller keeps one lease for all
 * its groups and keeps a group it is not sent (protocol.md §2), so refreshing the other groups would
 * keep the refused setpoint in force as long as we refresh.
 */
export function judgeLease(facts: LeaseFacts): LeaseVerdict {
  const { installation, inForce } = facts;
  const refusal = notControllable(facts.serial, installation);
  if (refusal !== null)
    return {
      kind: 'release',
      reason: refusal,
      signalRemoved: installation?.onboarding.state === 'offboarded',
    };
  if (inForce === null || installation === undefined) return { kind: 'same' };
  const { errors } = validateCommand(facts.profile, installation.devices, inForce.command);
  if (errors.length > 0) return { kind: 'release', reason: noLongerFits(errors), signalRemoved: false };
  const fallback = fallbackSeconds(facts.fallbackOverride, installation.fallbackTimeoutSeconds);
  if (!fallback.ok || fallback.seconds === inForce.fallbackS) return { kind: 'same' };
  return { kind: 'fallback', seconds: fallback.seconds };
}

/** The journaled reason: the same words the dry-run shows for a new command, and what follows. */
function noLongerFits(errors: readonly string[]): string {
  return (
    `the command in force no longer fits the installation (${errors.join('; ')}); ` +
    'it is no longer refreshed and the controller returns to local control at its fallback timeout'
  );
}
