import { judgeFeedback } from '../../../shared/domain/control/feedback-judge';
import type { LiveCommand } from '../../../shared/domain/control/live-command';
import { dropImplausible, powerBounds } from '../../../shared/domain/live/plausibility';
import type { CommandRecord } from './command-record';
import type { ControlContext } from './control-context';
import { FeedbackWatch, type WatchedFeedback } from './feedback-watch';
import type { SerialLease } from './serial-lease';

/**
 * Routes one feedback message to the serial's commands: confirms or rejects those waiting for an
 * answer, and rejects commands in force when the controller refused their latest lease refresh.
 * Feedback for an ended command changes nothing (the lifecycle refuses it, EC-2).
 */
export function handleFeedback(ctx: ControlContext, f: WatchedFeedback): void {
  const policies = ctx.protocol.setpointPolicies();
  const code = f.reading.responseCode;
  const lease = ctx.state.leases.get(f.serial);
  // The same bounds live values applies, so what the chart drops cannot confirm a command either.
  const devices = ctx.deps.inventory.getInstallation(f.serial)?.devices;
  const { problems: implausible } = dropImplausible(f.reading, powerBounds(devices));
  for (const record of ctx.state.liveOf(f.serial)) {
    const s = record.state.state;
    if ((s !== 'sent' && s !== 'accepted') || record.probe === undefined) continue;
    const fresh = FeedbackWatch.fresh(record.probe, f);
    const reading = { ...f.reading, fresh, implausible };
    const verdict = judgeFeedback(stillHeld(record, lease), reading, policies);
    if (verdict.kind === 'confirm') {
      ctx.state.transition(record, { type: 'confirm', at: f.receivedAt, detail: verdict.detail });
    } else if (verdict.kind === 'reject') {
      ctx.state.transition(record, {
        type: 'reject',
        at: f.receivedAt,
        detail: verdict.detail,
        responseCode: verdict.responseCode,
      });
    } else if (record.waiting !== verdict.detail) {
      record.waiting = verdict.detail;
      ctx.state.changed(record);
    }
  }
  const probe = lease?.refreshProbe;
  if (lease === undefined || probe === undefined || code === null || code === f.reading.acceptedCode) return;
  if (implausible.length > 0) return;
  if (!FeedbackWatch.fresh(probe, f)) return;
  for (const c of lease.commands()) {
    if (c.state.state !== 'confirmed') continue;
    ctx.state.transition(c, {
      type: 'reject',
      at: f.receivedAt,
      detail: `the controller refused a lease refresh: response code ${code} (${f.reading.responseLabel})`,
      responseCode: code,
    });
  }
}

/**
 * The part of a command still in force: a newer command that took a group over is judged on it,
 * so the older one is confirmed on the groups it still holds (else it would wait for a setpoint
 * the controller was told to leave).
 */
function stillHeld(record: CommandRecord, lease: SerialLease | undefined): LiveCommand {
  if (lease === undefined) return record.info.command;
  const held: LiveCommand = {};
  for (const group of record.info.groups) {
    const g = record.info.command[group];
    if (lease.holders.get(group) === record && g !== undefined) held[group] = g;
  }
  return held;
}
