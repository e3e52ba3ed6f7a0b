import { randomUUID } from 'node:crypto';
import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import { expirySeconds } from '../../../shared/domain/control/lease';
import { encodeLiveCommand } from '../../../shared/protocol/profile';
import { monotonicNow } from '../clock';
import { CommandRecord } from './command-record';
import type { ControlContext } from './control-context';
import { createdDraft } from './control-journal';
import { dryRunTarget, groupsOf } from './dry-run-builder';
import { linkRefusal } from './link-reason';
import { sendableAfterAudit } from './sendable-after-audit';

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
  // The recorded payload's validity is planned on the timeout read before the write.
  const { validUntil } = target.lease;
  let message: { topic: string; payload: string };
  try {
    const nodeId = ctx.deps.inventory.getInstallation(serial)?.siteNodeId;
    message = encodeLiveCommand(profile, serial, cmd.command, { now, validUntil, commandId, nodeId });
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
  record.audited = true;
  const afterAudit = sendableAfterAudit(ctx, record, cmd, validUntil);
  if (!afterAudit.ok) return refused(afterAudit.reason);
  // Taken over synchronously, so no other send or timer sees the serial half-changed. With the
  // fallback timeout read after the write: one set during it must not be undone by an older reading.
  const lease = ctx.state.leaseFor(serial, afterAudit.fallbackS);
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
  // Both clocks at the publish: the wall time is shown, the monotonic one times the lease.
  const sent = { at: sentAt, mono: monotonicNow(clock) };
  ctx.pacer.sent(serial);
  ctx.state.transition(record, { type: 'publish', at: sentAt });
  record.deadline = clock.setTimeout(() => expire(ctx, record), ctx.options.confirmDeadlineMs);
  const outcome = await broker.publish(message.topic, message.payload, {
    deadlineMs: ctx.options.publishDeadlineMs,
    expirySeconds: expirySeconds(sentAt, validUntil),
  });
  if (outcome.kind === 'acked') {
    ctx.state.transition(record, { type: 'ack', at: outcome.at });
    if (!record.ended) ctx.keeper.delivered(lease, sent);
  } else {
    ctx.state.transition(record, {
      type: 'publish-failed',
      at: clock.now(),
      reason: `${outcome.kind}: ${outcome.reason}`,
    });
  }
  return { serial, ok: true, commandId };
}

function expire(ctx: ControlContext, record: CommandRecord): void {
  const s = ctx.options.confirmDeadlineMs / 1000;
  const detail =
    record.waiting === undefined
      ? `no feedback within ${s} s`
      : `not confirmed within ${s} s: ${record.waiting}`;
  ctx.state.transition(record, { type: 'deadline', at: ctx.deps.clock.now(), detail });
}
