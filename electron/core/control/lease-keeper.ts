import {
  atRisk,
  expirySeconds,
  MIN_REFRESH_MS,
  refreshEveryMs,
  validUntilFor,
} from '../../../shared/domain/control/lease';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import { encodeLiveCommand } from '../../../shared/protocol/profile';
import type { LinkState } from '../broker/broker-port';
import { monotonicNow } from '../clock';
import type { ControlContext } from './control-context';
import type { LeaseAtRisk } from './control-events';
import { outcomeDraft } from './control-journal';
import { judgeLease } from './lease-recheck';
import { linkRefusal } from './link-reason';
import type { CommandRecord } from './command-record';
import type { Instant, SerialLease } from './serial-lease';

/** What a release did, per installation. */
export type Released = { serial: string; groups: string[]; commandIds: string[]; localAt: number };

/**
 * Keeps leases alive: re-sends the commands in force every third of the fallback timeout, notices
 * when a lease lapses, and reacts to the link. Refreshes are journaled compactly: a count that goes
 * with the release or the outcome that ends the lease, not one entry each.
 */
export class LeaseKeeper {
  constructor(private readonly ctx: () => ControlContext) {}

  /** The broker acked a publish to the serial sent at `sent`: the lease runs from there. */
  delivered(lease: SerialLease, sent: Instant): void {
    // A publish settled after stop (the link closing settles what is in flight) arms nothing.
    if (this.ctx().state.stopped) return;
    lease.markDelivered(sent);
    this.plan(lease);
  }

  /**
   * Arms the lapse and, while held, the next refresh, both counted from the last delivery in
   * elapsed time: a wall clock set back or forward meanwhile moves neither.
   */
  private plan(lease: SerialLease): void {
    const { state, deps } = this.ctx();
    const since = lease.sinceDeliveredMs(monotonicNow(deps.clock));
    if (state.stopped || since === undefined) return;
    deps.clock.clearTimeout(lease.lapseTimer);
    lease.lapseTimer = deps.clock.setTimeout(
      () => this.lapse(lease),
      Math.max(0, lease.fallbackS * 1000 - since),
    );
    if (lease.held) this.scheduleRefresh(lease, Math.max(0, refreshEveryMs(lease.fallbackS) - since));
    state.leaseChanged();
  }

  /** Held leases and when each lapses, while the link is down (the banner); empty when connected. */
  atRisk(): LeaseAtRisk[] {
    const { deps, state } = this.ctx();
    if (deps.broker.state().kind === 'connected') return [];
    return atRisk(state.leaseViews(), deps.clock.now());
  }

  /** On every link change: tell the UI what is at risk; after a reconnect refresh what has not lapsed. */
  onLink(link: LinkState): void {
    const { deps, state, emitter } = this.ctx();
    if (link.kind === 'connected') {
      const mono = monotonicNow(deps.clock);
      for (const lease of state.leases.values()) {
        if (lease.held && (lease.lapsesInMs(mono) ?? 0) > 0) this.scheduleRefresh(lease, 0);
      }
    }
    emitter.emit({ type: 'link', link, atRisk: this.atRisk() });
  }

  /**
   * Stops refreshing the serial at once and ends its commands as released; null when nothing was held.
   * `signalRemoved` (offboarding): the controller is on local control now, not at its fallback timeout.
   */
  async release(
    serial: string,
    actor: string,
    reason?: string,
    { signalRemoved = false }: { signalRemoved?: boolean } = {},
  ): Promise<Released | null> {
    const { state, deps, journal } = this.ctx();
    if (signalRemoved) state.localControlNow(serial);
    const cancelled = this.cancelDrafts(serial, actor);
    const lease = state.leases.get(serial);
    if (lease === undefined || lease.empty) {
      if (cancelled.length === 0) return null;
      // Nothing was in force: the controller is on local control already.
      const groups = [...new Set(cancelled.flatMap((d) => d.info.groups))];
      return { serial, groups, commandIds: cancelled.map((d) => d.id), localAt: deps.clock.now() };
    }
    // Stop first (the kill switch must act within a second), then write the record.
    state.clearLeaseTimers(lease);
    const now = deps.clock.now();
    const commands = lease.commands();
    const groups = [...lease.holders.keys()];
    const refreshes = lease.refreshes;
    for (const c of commands)
      state.transition(c, { type: 'release', at: now, actor }, { journal: false, signalRemoved });
    // No release message exists: the controller keeps the last command until its fallback timeout
    // (unless its external signal was removed: then it is on local control now).
    const localAt = state.viewOf(serial)?.lapsesAt ?? now;
    const drafts: JournalDraft[] = [
      {
        type: 'lease.released',
        at: now,
        actor,
        serial,
        groups,
        commandIds: commands.map((c) => c.id),
        refreshes,
        localAt,
        // The operator's reason (required for a release of more than one installation).
        ...(reason !== undefined ? { reason } : {}),
      },
      ...commands.map((c) => outcomeDraft(c, actor, refreshes)),
    ];
    await journal
      .write(drafts)
      .catch((error: unknown) => deps.log.error({ err: error, serial }, 'release not journaled'));
    return { serial, groups, commandIds: commands.map((c) => c.id), localAt };
  }

  /**
   * Ends the serial's commands still being recorded (drafts): a release must also stop what is
   * about to be sent. Their outcome is journaled by the sender once their creation record is durable.
   */
  private cancelDrafts(serial: string, actor: string): CommandRecord[] {
    const { state, deps } = this.ctx();
    const drafts = state.liveOf(serial).filter((c) => c.state.state === 'draft');
    const at = deps.clock.now();
    for (const d of drafts) {
      const reason = `released by ${actor} while its audit record was written; nothing was sent`;
      state.transition(d, { type: 'publish-failed', at, reason }, { journal: false });
    }
    return drafts;
  }

  /**
   * After a callback changed the installation: re-plans its lease at once. One that can no longer be
   * controlled is released; a new fallback timeout moves the next refresh and the lapse time.
   */
  replan(serial: string): void {
    const lease = this.ctx().state.leases.get(serial);
    if (this.recheck(serial) === 'changed' && lease !== undefined) this.plan(lease);
  }

  /**
   * What the lease depends on, read again (lease-recheck.ts): an installation offboarded, rejected or
   * gone, or one whose devices or profile no longer take the command in force, is released with the
   * reason (nothing more may be sent to it, held or not); a changed fallback timeout (a new
   * onboarding call, or the operator's) becomes the lease's.
   */
  private recheck(serial: string): 'released' | 'changed' | 'same' {
    const { state, deps, protocol } = this.ctx();
    const lease = state.leases.get(serial);
    const inForce = lease !== undefined && !lease.empty ? lease : undefined;
    const drafting = inForce === undefined && state.liveOf(serial).some((c) => c.state.state === 'draft');
    // Nothing of ours on this controller (the usual case for a callback): nothing to re-check.
    if (inForce === undefined && !drafting && state.viewOf(serial) === undefined) return 'same';
    const verdict = judgeLease({
      serial,
      installation: deps.inventory.getInstallation(serial),
      profile: protocol.current,
      fallbackOverride: deps.fallbackOverride?.(serial),
      inForce: inForce ? { command: inForce.merged(), fallbackS: inForce.fallbackS } : null,
    });
    if (verdict.kind === 'release') {
      if (inForce !== undefined || drafting) {
        void this.release(serial, 'control', verdict.reason, { signalRemoved: verdict.signalRemoved });
        return 'released';
      }
      // Only an earlier release still followed until its timeout: offboarding ends that at once.
      if (verdict.signalRemoved) state.localControlNow(serial);
      return 'same';
    }
    if (verdict.kind === 'same' || inForce === undefined) return 'same';
    inForce.fallbackS = verdict.seconds;
    state.leaseChanged();
    return 'changed';
  }

  private scheduleRefresh(lease: SerialLease, delayMs: number): void {
    if (this.ctx().state.stopped) return;
    const { clock } = this.ctx().deps;
    clock.clearTimeout(lease.refreshTimer);
    lease.refreshTimer = clock.setTimeout(() => void this.refresh(lease), delayMs);
  }

  private current(lease: SerialLease): boolean {
    return this.ctx().state.leases.get(lease.serial) === lease && !lease.empty && lease.held;
  }

  private async refresh(lease: SerialLease): Promise<void> {
    lease.refreshTimer = undefined;
    const ctx = this.ctx();
    const { clock, broker, log } = ctx.deps;
    if (!this.current(lease) || !(await ctx.pacer.acquire(lease.serial)) || !this.current(lease)) return;
    if (this.recheck(lease.serial) === 'released') return;
    const now = clock.now();
    const sent: Instant = { at: now, mono: monotonicNow(clock) };
    const period = refreshEveryMs(lease.fallbackS);
    const notDelivered = (why: string, retry = period): void => {
      // Refused, never queued: a refresh delivered late is a stale command. A new one is made instead.
      lease.refused += 1;
      log.warn({ serial: lease.serial, why }, 'lease refresh not delivered');
      ctx.state.leaseChanged();
      if (this.current(lease)) this.scheduleRefresh(lease, retry);
    };
    if (linkRefusal(broker.state(), now) !== null) return notDelivered('link down');
    const first = lease.commands()[0];
    if (first === undefined) return;
    const validUntil = validUntilFor(now, lease.fallbackS);
    const commandId = `${first.id}.r${lease.refreshes + lease.refused + 1}`;
    let message;
    try {
      message = encodeLiveCommand(ctx.protocol.current, lease.serial, lease.merged(), {
        now,
        validUntil,
        commandId,
        nodeId: ctx.deps.inventory.getInstallation(lease.serial)?.siteNodeId,
      });
    } catch (error) {
      return notDelivered(`cannot encode: ${String(error)}`);
    }
    lease.refreshProbe = ctx.watch.probe(lease.serial);
    // Before the publish: if the host dies right after it, the lease marks still know of it (EC-3).
    ctx.deps.onRefreshSending?.(lease.serial, now, lease.fallbackS);
    const outcome = await broker.publish(message.topic, message.payload, {
      deadlineMs: ctx.options.publishDeadlineMs,
      expirySeconds: expirySeconds(now, validUntil),
    });
    if (!this.current(lease)) return;
    if (outcome.kind !== 'acked') {
      // The link is up but this publish got no PUBACK by its deadline: a whole period more could
      // reach the lapse itself (a 15 s timeout: refresh at 5 s, no answer by 10 s, next at 15 s),
      // so the next try comes halfway to the lapse. A link that is down waits for its reconnect,
      // which refreshes at once (onLink).
      const toLapse = lease.lapsesInMs(monotonicNow(clock)) ?? period;
      return notDelivered(`${outcome.kind}: ${outcome.reason}`, retryWithin(period, toLapse));
    }
    lease.refreshes += 1;
    this.delivered(lease, sent);
  }

  /**
   * Decided in elapsed time since the last delivery, never by comparing wall times: a wall clock set
   * back an hour kept a lease that stopped being refreshed "held" for that hour. `at`, the wall time
   * of the last delivery plus the fallback timeout, is what the operator reads.
   */
  private lapse(lease: SerialLease): void {
    const { state, deps } = this.ctx();
    lease.lapseTimer = undefined;
    const at = lease.lapsesAt;
    const left = lease.lapsesInMs(monotonicNow(deps.clock));
    if (state.leases.get(lease.serial) !== lease || at === undefined || left === undefined) return;
    if (left > 0) {
      // The timer fired before the lapse (a timer may run early): wait out the rest.
      lease.lapseTimer = deps.clock.setTimeout(() => this.lapse(lease), left);
      return;
    }
    const when = new Date(at).toISOString();
    const detail = lease.held
      ? `not refreshed in time (${lease.refused} refreshes not delivered): back in local control since about ${when}`
      : `returned to local control as planned at about ${when}: sent without holding, so not refreshed (fallback timeout ${lease.fallbackS} s)`;
    for (const c of lease.commands()) state.transition(c, { type: 'lapse', at, detail });
  }
}

/** When to try again after a refresh that was not delivered: within a period, halfway to the lapse. */
export function retryWithin(periodMs: number, toLapseMs: number): number {
  return Math.min(periodMs, Math.max(MIN_REFRESH_MS, Math.floor(toLapseMs / 2)));
}
