import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import type { CommandRecord } from './command-record';
import type { ControlContext } from './control-context';
import { outcomeDraft } from './control-journal';
import { dryRunTarget } from './dry-run-builder';

/** Less validity than this left once the audit record is durable, and the command is not sent. */
const MIN_VALIDITY_LEFT_MS = 1000;

/** Whether a command whose audit record just became durable may be published, and on which lease terms. */
export type AfterAudit = { ok: true; fallbackS: number } | { ok: false; reason: string };

/**
 * Checks a command again once its audit record is durable, because the write takes time and the
 * world moves meanwhile. Not sent when: released meanwhile (the operator's release ended it as a
 * draft), control stopped, a slow write used up its validity (its payload carries the time and
 * validity it was recorded with, and a stale command delivered late is worse than none), or the
 * installation changed so that the send's own check now refuses it. Otherwise returns the fallback
 * timeout read *now*: one set by the operator or a new onboarding call during the write is the
 * lease's, never overwritten by the reading taken before it. A refused command's outcome goes to
 * the journal after its (durable) creation record.
 */
export function sendableAfterAudit(
  ctx: ControlContext,
  record: CommandRecord,
  cmd: ControlCommand,
  validUntil: number,
): AfterAudit {
  const now = ctx.deps.clock.now();
  const notSent = (detail: string, reason: string): AfterAudit => {
    ctx.state.transition(record, { type: 'publish-failed', at: now, reason: detail });
    return { ok: false, reason };
  };
  if (record.ended) {
    ctx.journal.behind([outcomeDraft(record, record.info.actor)]);
    const reason =
      record.state.state === 'failed'
        ? record.state.detail
        : `ended before it was sent (${record.state.state})`;
    return { ok: false, reason };
  }
  if (ctx.state.stopped) return notSent('not sent: control stopped', 'control is stopping');
  if (validUntil - now < MIN_VALIDITY_LEFT_MS) {
    const waited = Math.round((now - record.info.createdAt) / 1000);
    return notSent(
      `not sent: its validity ran out while its audit record was written (${waited} s)`,
      'its audit record took longer to write than the command was valid, so nothing was sent',
    );
  }
  const fresh = dryRunTarget(record.info.serial, cmd, ctx.dryRunContext(now), false);
  if (fresh.errors.length > 0 || fresh.lease === null) {
    const why = `the installation changed while its audit record was written: ${fresh.errors.join('; ')}`;
    return notSent(`not sent: ${why}`, `${why}, so nothing was sent`);
  }
  return { ok: true, fallbackS: fresh.lease.fallbackS };
}
