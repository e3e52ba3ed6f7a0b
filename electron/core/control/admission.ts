import { checkConfirmation, type GivenConfirmation } from '../../../shared/domain/control/confirmation';
import type { DryRun } from '../../../shared/domain/control/dry-run';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';

/** What the operator supplies with a send or a rollout. */
export type SendOptions = {
  /** Why; required for more than one target (journaled with every command). */
  reason?: string;
  /** The typed number of homes, when the impact requires it. */
  confirmation?: GivenConfirmation;
  /** Send to the valid targets and leave the invalid ones out (otherwise any invalid target blocks the send). */
  skipInvalid?: boolean;
};

export type RefusalCode =
  | 'no-targets'
  | 'link-down'
  | 'invalid'
  | 'reason-required'
  | 'confirmation-required'
  | 'confirmation-mismatch';

/** A send refused as a whole before anything was published; `reason` is worded for the operator. */
export type Refusal = { ok: false; code: RefusalCode; reason: string; dryRun: DryRun };

/**
 * The checks every send passes in the core, whatever the UI did (EC-5: a direct API call must not
 * skip them): targets, the link, each target's validity, a reason for bulk, typed confirmation.
 */
export function admit(dryRun: DryRun, options: SendOptions): { ok: true; serials: string[] } | Refusal {
  const refuse = (code: RefusalCode, reason: string): Refusal => ({ ok: false, code, reason, dryRun });
  if (dryRun.targets.length === 0) return refuse('no-targets', 'No targets were selected.');
  if (dryRun.blockedBy !== null) return refuse('link-down', dryRun.blockedBy);
  if (dryRun.invalid.length > 0 && (options.skipInvalid !== true || dryRun.valid.length === 0)) {
    const first = dryRun.targets.find((t) => t.errors.length > 0);
    const example = first === undefined ? '' : ` ${first.serial}: ${first.errors[0] ?? ''}`;
    return refuse(
      'invalid',
      `${dryRun.invalid.length} of ${dryRun.targets.length} targets cannot take this command; fix or deselect them.${example}`,
    );
  }
  if (dryRun.valid.length > 1 && (options.reason ?? '').trim() === '') {
    return refuse(
      'reason-required',
      `A command to ${dryRun.valid.length} installations needs a reason for the audit trail.`,
    );
  }
  const confirmed = checkConfirmation(dryRun.confirmation, options.confirmation);
  if (!confirmed.ok) {
    const code =
      options.confirmation?.typedHomes === undefined ? 'confirmation-required' : 'confirmation-mismatch';
    return refuse(code, confirmed.reason);
  }
  return { ok: true, serials: dryRun.valid };
}

/**
 * The audit records of targets not sent: one per distinct reason, so each target's timeline, the
 * Activity page and its export say why that target was not sent (offboarded, beyond its rating…).
 */
export function notSentDrafts(
  notSent: ReadonlyArray<{ serial: string; reason: string }>,
  actor: string,
  at: number,
): JournalDraft[] {
  const byReason = new Map<string, string[]>();
  for (const { serial, reason } of notSent) {
    const serials = byReason.get(reason);
    if (serials) serials.push(serial);
    else byReason.set(reason, [serial]);
  }
  return [...byReason].map(([reason, serials]) =>
    refusedDraft(serials, { code: 'not-sent', reason }, actor, at),
  );
}

/** The audit record of a refused send (an operator action too). */
export function refusedDraft(
  serials: readonly string[],
  refusal: { code: RefusalCode | 'not-sent'; reason: string },
  actor: string,
  at: number,
): JournalDraft {
  return {
    type: 'command.refused',
    at,
    actor,
    ...(serials.length === 1 && serials[0] !== undefined && serials[0] !== '' ? { serial: serials[0] } : {}),
    targets: [...serials],
    code: refusal.code,
    reason: refusal.reason,
  };
}
