import { randomUUID } from 'node:crypto';
import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import { expirySeconds } from '../../../shared/domain/control/lease';
import { encodeLiveCommand } from '../../../shared/protocol/profile';
import { CommandRecord } from './command-record';
import type { ControlContext } from './control-context';
import { createdDraft, outcomeDraft } from './control-journal';
import { dryRunTarget, groupsOf } from './dry-run-builder';
import { linkRefusal } from './link-reason';

/** Who sends, and why (journaled with the command). `cancelled` is asked once the pacing wait is over. */
export type DispatchContext = {
  actor: string;
  reason?: string;
  rolloutId?: string;
  cancelled?: () => boolean;
  /** Called once the command's audit record is durable, just before its publish (bulk sends pipeline on it). */
  audited?: () => void;
};

export type DispatchResult =
  | { serial: string; ok: true; commandId: string }
  | { serial: string; ok: false; reason: string; cancelled?: true };

/**
 * Sends one command to one controller: wait for its pacing slot, re-check it against the inventory
 * and the link *now*, journal it (durable) before publishing, publish with a deadline and an MQTT 5
 * expiry, then leave the outcome to feedback, the confirmation deadline and the lease.
 */
export async function dispatch(
  ctx: ControlContext,
  serial: string,
  cmd: ControlCommand,
  who: DispatchContext,
): Promise<DispatchResult> {
  const refused = (reason: string): DispatchResult => ({ serial, ok: false, reason });
  if (!(await ctx.pacer.acquire(serial))) return refused('control is stopping');
  if (who.cancelled?.() === true)
    return { serial, ok: false, reason: 'cancelled before sending', cancelled: true };
  const { clock, broker } = ctx.deps;
  const now = clock.now();
  const down = linkRefusal(broker.state(), now);
  if (down !== null) return refused(down);
  const profile = ctx.protocol.current;
  const target = dryRunTarget(serial, cmd, ctx.dryRunContext(now), false);
  if (target.errors.length > 0 || target.lease === null) return refused(target.errors.join('; '));
  try {
    await ctx.watch.watch(serial);
  } catch (error) {
    return refused(`cannot subscribe to the controller's feedback, so nothing was sent: ${String(error)}`);
  }
  // Asked again: a rollout aborted (or released) during the subscribe round-trip found no draft of
  // this command to cancel, so it must not be created now.
  if (who.cancelled?.() === true)
    return { serial, ok: false, reason: 'cancelled before sending', cancelled: true };

  const commandId = randomUUID();
  const { validUntil, fallbackS } = target.lease;
  let message: { topic: string; payload: string };
  try {
    message = encodeLiveCommand(profile, serial, cmd.command, { now, validUntil, commandId });
  } catch (error) {
    return refused(`cannot encode: ${error instanceof Error ? error.message : String(error)}`);
  }
  const record = new CommandRecord({
    commandId,
    serial,
    kind: cmd.kind,
    groups: groupsOf(cmd),
    command: cmd.command,
    hold: cmd.hold,
    createdAt: now,
    actor: who.actor,
    validUntil,
    topic: message.topic,
    payload: message.payload,
    ...(who.reason !== undefined ? { reason: who.reason } : {}),
    ...(who.rolloutId !== undefined ? { rolloutId: who.rolloutId } : {}),
  });
  // Shown as a draft while its audit record is written, but not in the lease yet: until that
  // record is durable the command does not exist for the controller, so no refresh may send it and
  // the command in force keeps its groups (if the write fails, it simply stays in force).
  const overlapping = ctx.state.leases.get(serial)?.overlapping(record.info.groups) ?? [];
  ctx.state.add(record);
  try {
    // Audit precedes publish (reliability-notes §6.2): no durable record, no command.
    await ctx.journal.write([createdDraft(record, overlapping)]);
  } catch (error) {
    ctx.state.transition(
      record,
      { type: 'publish-failed', at: clock.now(), reason: `audit record not written: ${String(error)}` },
      { journal: false },
    );
    return refused('the audit record could not be written, so nothing was sent');
  }
  const stale = notSendable(ctx, record, validUntil);
  if (stale !== null) return refused(stale);
  // Taken over synchronously, so no other send or timer sees the serial half-changed.
  const lease = ctx.state.leaseFor(serial, fallbackS);
  const takenAt = clock.now();
  for (const old of lease.take(record))
    ctx.state.transition(old, { type: 'supersede', at: takenAt, by: commandId }, { actor: who.actor });
  ctx.state.leaseChanged();
  who.audited?.();
  try {
    // Again, now that the command is live: a command of this serial that ended while we waited
    // may have dropped the subscription (a no-op otherwise).
    await ctx.watch.watch(serial);
  } catch (error) {
    ctx.state.transition(record, {
      type: 'publish-failed',
      at: clock.now(),
      reason: `no feedback subscription: ${String(error)}`,
    });
    return refused("cannot subscribe to the controller's feedback, so nothing was sent");
  }

  record.probe = ctx.watch.probe(serial);
  // From now on the serial's feedback answers this command, no longer the last refresh.
  lease.refreshProbe = undefined;
  const sentAt = clock.now();
  ctx.pacer.sent(serial, sentAt);
  ctx.state.transition(record, { type: 'publish', at: sentAt });
  record.deadline = clock.setTimeout(() => expire(ctx, record), ctx.options.confirmDeadlineMs);
  const outcome = await broker.publish(message.topic, message.payload, {
    deadlineMs: ctx.options.publishDeadlineMs,
    expirySeconds: expirySeconds(sentAt, validUntil),
  });
  if (outcome.kind === 'acked') {
    ctx.state.transition(record, { type: 'ack', at: outcome.at });
    if (!record.ended) ctx.keeper.delivered(lease, sentAt);
  } else {
    ctx.state.transition(record, {
      type: 'publish-failed',
      at: clock.now(),
      reason: `${outcome.kind}: ${outcome.reason}`,
    });
  }
  return { serial, ok: true, commandId };
}

/** Less validity than this left once the audit record is durable, and the command is not sent. */
const MIN_VALIDITY_LEFT_MS = 1000;

/**
 * Why a command whose audit record just became durable must not be published, or null. Released
 * meanwhile (the operator's release ended it as a draft), or a slow write used up its validity: its
 * payload carries the time and validity it was recorded with, and a stale command delivered late is
 * worse than none. Its outcome goes to the journal after its (durable) creation record.
 */
function notSendable(ctx: ControlContext, record: CommandRecord, validUntil: number): string | null {
  const now = ctx.deps.clock.now();
  if (!record.ended && ctx.state.stopped) {
    ctx.state.transition(record, { type: 'publish-failed', at: now, reason: 'not sent: control stopped' });
    return 'control is stopping';
  }
  if (!record.ended && validUntil - now < MIN_VALIDITY_LEFT_MS) {
    const waited = Math.round((now - record.info.createdAt) / 1000);
    ctx.state.transition(record, {
      type: 'publish-failed',
      at: now,
      reason: `not sent: its validity ran out while its audit record was written (${waited} s)`,
    });
    return 'its audit record took longer to write than the command was valid, so nothing was sent';
  }
  if (!record.ended) return null;
  ctx.journal.behind([outcomeDraft(record, record.info.actor)]);
  return record.state.state === 'failed'
    ? record.state.detail
    : `ended before it was sent (${record.state.state})`;
}

function expire(ctx: ControlContext, record: CommandRecord): void {
  const s = ctx.options.confirmDeadlineMs / 1000;
  const detail =
    record.waiting === undefined
      ? `no feedback within ${s} s`
      : `not confirmed within ${s} s: ${record.waiting}`;
  ctx.state.transition(record, { type: 'deadline', at: ctx.deps.clock.now(), detail });
}
