import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  fallbackSeconds,
  lapsesAt,
  refreshEveryMs,
  type LeaseView,
} from '../../../shared/domain/control/lease';
import type { JournalDraft, JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import { openCommandsOf, type OpenCommand } from '../../../shared/domain/inventory/open-commands';
import type { Logger } from '../logger';
import { CommandRecord } from './command-record';
import type { ControlContext } from './control-context';
import type { ControlEvent } from './control-events';

/*
 * EC-3 (reliability-notes §6.3): after the host restarts, nothing refreshes the leases it held, so
 * each controller returns to local control at its last delivery + its fallback timeout; and a
 * command that was still waiting for its confirmation can no longer be confirmed (the feedback it
 * needed was judged in memory). The journal still shows them in force or in flight. Recovery ends
 * each of them with an outcome (`lapsed`, `expired`) before the core serves the UI, so neither the
 * Control page nor a timeline ever shows a stale "confirmed" or "holding".
 *
 * Refreshes are not journaled (their count goes with the ending outcome), so the journal alone
 * cannot say when the last one was sent. The lease marks file carries that: each refresh of a held
 * lease is appended to it before it is published. A lease that is not held got one publish, its
 * command, whose time the journal has.
 */

/** Name of the lease marks file in the data dir: one JSON line per refresh sent or lease ended. */
export const LEASE_MARKS_FILE = 'control-leases.jsonl';

const MarkLineSchema = z.union([
  z.object({
    serial: z.string().min(1),
    at: z.number().int().nonnegative(),
    fallbackS: z.number().positive(),
  }),
  z.object({ serial: z.string().min(1), ended: z.literal(true) }),
]);
type Mark = { lastSentAt: number; fallbackS: number };
/** Per serial, the last refresh sent to its held lease (before the publish) and its fallback timeout. */
export type LeaseMarks = Record<string, Mark>;

/**
 * Reads the marks a previous run left. A missing file yields none; a damaged line (a torn last
 * line after a kill) is skipped and logged: recovery then errs early for that serial.
 */
export async function readLeaseMarks(path: string, log: Logger): Promise<LeaseMarks> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn({ err: error, path }, 'lease marks unreadable; lapse times from the journal only');
    return {};
  }
  const marks: LeaseMarks = {};
  let damaged = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let parsed;
    try {
      parsed = MarkLineSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success !== true) {
      damaged += 1;
      continue;
    }
    const m = parsed.data;
    if ('ended' in m) delete marks[m.serial];
    else marks[m.serial] = { lastSentAt: m.at, fallbackS: m.fallbackS };
  }
  if (damaged > 0) log.warn({ path, damaged }, 'damaged lease mark lines skipped');
  return marks;
}

/**
 * Keeps the lease marks file: every lease refresh is appended (one short line, written to the
 * kernel synchronously) *before* it is published, so a host killed at any moment leaves a mark
 * at least as late as the last refresh a controller got; a lease that ends or stops being held
 * gets an `ended` line (from control's batched lease lists). The file is rewritten from memory
 * when it grows past a few lines per held lease. No fsync: the file matters after the *process*
 * dies (the page cache survives that); after a power loss older marks make a lapse err early.
 * The first write of a run starts the file afresh: recovery has consumed the previous run's.
 */
export class LeaseMarksWriter {
  private readonly marks = new Map<string, Mark>();
  private fd: number | undefined;
  private lines = 0;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  /** A refresh of the serial's held lease is about to be published. */
  sent(serial: string, at: number, fallbackS: number): void {
    if (this.stopped) return;
    this.marks.set(serial, { lastSentAt: at, fallbackS });
    this.append({ serial, at, fallbackS });
  }

  /**
   * Feed every control event: a lease list (built when it is emitted, so it is current) ends the
   * marks of leases no longer held.
   */
  onEvent(event: ControlEvent): void {
    if (event.type !== 'leases' || this.stopped) return;
    const held = new Set(event.leases.filter((l) => l.held).map((l) => l.serial));
    for (const serial of this.marks.keys()) {
      if (held.has(serial)) continue;
      this.marks.delete(serial);
      this.append({ serial, ended: true });
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(line: z.infer<typeof MarkLineSchema>): void {
    try {
      if (this.fd === undefined || this.lines > 1000 + 4 * this.marks.size) this.rewrite();
      writeSync(this.fd as number, `${JSON.stringify(line)}\n`);
      this.lines += 1;
    } catch (error) {
      this.log.warn({ err: error, path: this.path }, 'lease mark not written');
    }
  }

  /** Replaces the file with the marks in memory (tmp + rename), and appends to the new one. */
  private rewrite(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const body = [...this.marks].map(([serial, m]) =>
      JSON.stringify({ serial, at: m.lastSentAt, fallbackS: m.fallbackS }),
    );
    writeFileSync(`${this.path}.tmp`, body.length > 0 ? `${body.join('\n')}\n` : '');
    renameSync(`${this.path}.tmp`, this.path);
    this.fd = openSync(this.path, 'a');
    this.lines = body.length;
  }
}

/** One command recovery ended. */
export type Recovered = {
  commandId: string;
  serial: string;
  state: 'lapsed' | 'expired';
  at: number;
  detail: string;
};

/**
 * Commands the journal shows created and not ended (confirmed counts as not ended: in force).
 * The inventory keeps the same set as it applies entries (`Inventory.openCommands()`), which is
 * what start-up hands recovery; this form reads it from entries (tests, tools).
 */
export function openCommands(entries: readonly JournalEntry[]): OpenCommand[] {
  return [...openCommandsOf(entries).values()];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Ends, in one journal commit, every command the previous run left in force or unsettled, and
 * lists them as ended in control's memory so the Control page shows them as such. In force →
 * `lapsed` at the serial's last delivery + fallback timeout (from the marks; else from the latest
 * command's publish, which errs early); unsettled → `expired` (no confirmation can come any more).
 * `open` is what the journal shows open (the inventory keeps it: `Inventory.openCommands()`).
 */
export async function recoverAfterRestart(
  ctx: ControlContext,
  open: readonly OpenCommand[],
  marks: LeaseMarks,
): Promise<Recovered[]> {
  if (open.length === 0) return [];
  const now = ctx.deps.clock.now();
  const latestBySerial = new Map<string, number>();
  for (const o of open)
    latestBySerial.set(o.created.serial, Math.max(latestBySerial.get(o.created.serial) ?? 0, o.created.at));
  const ended: Array<{ record: CommandRecord; out: Recovered }> = [];
  // Serials whose controller still runs a recovered command: shown as releasing until it lapses.
  const following = new Map<string, LeaseView>();
  for (const o of open) {
    const c = o.created;
    const record = new CommandRecord({
      commandId: c.commandId,
      serial: c.serial,
      kind: c.kind,
      groups: c.groups,
      command: c.command,
      hold: c.hold,
      createdAt: c.at,
      actor: c.actor,
      validUntil: c.validUntil,
      topic: c.topic,
      payload: c.payload,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.rolloutId !== undefined ? { rolloutId: c.rolloutId } : {}),
    });
    record.apply({ type: 'publish', at: c.at });
    let out: Recovered;
    if (o.confirmedAt !== undefined) {
      record.apply({ type: 'ack', at: c.at });
      record.apply({ type: 'confirm', at: o.confirmedAt, detail: 'confirmed before the host restarted' });
      const lapse = lapseOf(ctx, c.serial, marks[c.serial], latestBySerial.get(c.serial) ?? c.at);
      const detail =
        lapse.at <= now
          ? `the host restarted and nothing refreshed this command any more: back in local control ` +
            `since about ${iso(lapse.at)} (${lapse.basis})`
          : `the host restarted and nothing refreshes this command any more: the controller follows it ` +
            `until about ${iso(lapse.at)}, then returns to local control (${lapse.basis})`;
      out = { commandId: c.commandId, serial: c.serial, state: 'lapsed', at: lapse.at, detail };
      if (lapse.at > now) stillFollowed(following, c, lapse);
    } else {
      const deadline = c.at + ctx.options.confirmDeadlineMs;
      const detail =
        deadline <= now
          ? `not confirmed by its deadline (${iso(deadline)}); the host restarted meanwhile`
          : `the host restarted before it was confirmed; its confirmation can no longer be judged`;
      const at = Math.min(deadline, now);
      out = { commandId: c.commandId, serial: c.serial, state: 'expired', at, detail };
    }
    ended.push({ record, out });
  }
  const drafts: JournalDraft[] = ended.map(({ out }) => ({
    type: 'command.outcome',
    at: out.at,
    actor: 'control',
    serial: out.serial,
    commandId: out.commandId,
    state: out.state,
    detail: out.detail,
  }));
  // Awaited: the UI must not see the stale state, and a recovery that could not be written must say so.
  await ctx.journal.write(drafts);
  for (const { record, out } of ended) {
    ctx.state.add(record);
    const event =
      out.state === 'lapsed'
        ? ({ type: 'lapse', at: out.at, detail: out.detail } as const)
        : ({ type: 'deadline', at: out.at, detail: out.detail } as const);
    ctx.state.transition(record, event, { journal: false });
  }
  // The lapse is journaled at its real time, but until then the controller still follows the
  // command: the Control page and the fleet say "releasing", not back in local control.
  for (const view of following.values()) ctx.state.followsUntil(view);
  ctx.state.flushEvents();
  ctx.deps.log.info({ ended: ended.length }, 'commands left open by the previous run ended');
  return ended.map((e) => e.out);
}

function lapseOf(ctx: ControlContext, serial: string, mark: Mark | undefined, latestPublish: number): Lapse {
  if (mark !== undefined && mark.lastSentAt >= latestPublish)
    return {
      at: lapsesAt(mark.lastSentAt, mark.fallbackS),
      basis: `last refresh sent ${iso(mark.lastSentAt)} + fallback ${mark.fallbackS} s`,
      deliveredAt: mark.lastSentAt,
      fallbackS: mark.fallbackS,
    };
  const fallback = fallbackSeconds(
    ctx.deps.fallbackOverride?.(serial),
    ctx.deps.inventory.getInstallation(serial)?.fallbackTimeoutSeconds,
  );
  if (!fallback.ok)
    return {
      at: latestPublish,
      basis: 'fallback timeout unknown; time of the last command',
      deliveredAt: latestPublish,
      fallbackS: 0,
    };
  return {
    at: lapsesAt(latestPublish, fallback.seconds),
    basis: `no later delivery on record: last command ${iso(latestPublish)} + fallback ${fallback.seconds} s`,
    deliveredAt: latestPublish,
    fallbackS: fallback.seconds,
  };
}

/** When a recovered command lapses, why that time, and what it is counted from. */
type Lapse = { at: number; basis: string; deliveredAt: number; fallbackS: number };

/** Adds a recovered command to its serial's releasing view (one per serial, its groups together). */
function stillFollowed(following: Map<string, LeaseView>, c: OpenCommand['created'], lapse: Lapse): void {
  const was = following.get(c.serial);
  following.set(c.serial, {
    serial: c.serial,
    groups: [...new Set([...(was?.groups ?? []), ...c.groups])],
    commandIds: [...(was?.commandIds ?? []), c.commandId],
    held: false,
    status: 'releasing',
    fallbackS: lapse.fallbackS,
    refreshEveryMs: refreshEveryMs(lapse.fallbackS),
    lastDeliveredAt: Math.max(was?.lastDeliveredAt ?? 0, lapse.deliveredAt),
    lapsesAt: Math.max(was?.lapsesAt ?? 0, lapse.at),
    refreshes: 0,
    refused: 0,
  });
}
