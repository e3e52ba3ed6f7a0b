import type { Clock } from '../clock';

export type SnapshotPolicy = {
  /** Write once this many entries are not in the snapshot yet (default 20,000). */
  everyEntries: number;
  /** Or this long after the first entry the snapshot lacks (default 10 minutes). */
  everyMs: number;
  /**
   * While entries arrive at least this fast (per second), a due write waits for a lull (default
   * 200/s: a burst of callbacks, such as every controller calling in after an outage).
   */
  busyEntriesPerSecond: number;
  /** …but not past this many unsaved entries, which bounds the replay after a crash (default 60,000). */
  busyMaxEntries: number;
};

/**
 * 20,000 entries bound the replay at start-up (~0.35 s more than a snapshot at the head, measured
 * at 10,000 installations). The time bound is for a trickle: a fleet of 10,000 journals about 11
 * "seen on MQTT" marks a second, and with a minute here it rewrote the whole 9 MB snapshot every
 * minute (~0.3 s of CPU and a passing RSS peak each time) to save replaying 700 entries.
 */
export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = {
  everyEntries: 20_000,
  everyMs: 10 * 60_000,
  busyEntriesPerSecond: 200,
  busyMaxEntries: 60_000,
};

/**
 * Why a write waits for a lull: it costs ~1 s of a worker's CPU at 10,000 installations, and on a
 * 2-core machine that slows the listener's thread enough that callbacks arriving meanwhile wait
 * 100–200 ms for their 202 (ingest benchmark, 27 Nov 2026), however low the worker's priority. A
 * burst is when answering quickly matters most; the snapshot only shortens a replay that 60,000
 * entries lengthen by ~1 s.
 */
const LULL_CHECK_MS = 1000;

/**
 * Decides when to write the snapshot behind: on a timer, never inside a commit, one write at a
 * time. The write itself runs in a worker thread (snapshot-writer.ts); the snapshot only shortens
 * replay, durability comes from the journal.
 */
export class SnapshotScheduler {
  private pending = 0;
  private timer: unknown;
  private armedFor: number | undefined;
  private inFlight: Promise<void> | undefined;
  /** Entries noted in the current one-second window, and the rate of the last full one. */
  private window = { startedAt: 0, entries: 0 };
  private lastRate = 0;

  constructor(
    private readonly clock: Clock,
    private readonly policy: SnapshotPolicy,
    /**
     * Writes the snapshot of every entry applied so far; resolves false when it failed (the caller
     * logged it; a later turn retries).
     */
    private readonly write: () => Promise<boolean>,
  ) {}

  /** Entries applied since the last write began. */
  get unsaved(): number {
    return this.pending;
  }

  /** Counts applied entries and arms the timer. */
  note(entries: number): void {
    this.pending += entries;
    this.countRate(entries);
    if (this.pending >= this.policy.everyEntries) {
      // Due: at once, unless a sooner check (for a lull) is armed already.
      if (this.armedFor === undefined || this.armedFor > LULL_CHECK_MS) this.arm(0);
    } else if (this.timer === undefined) this.arm(this.policy.everyMs);
  }

  /** Asks for a write soon (after recovery rebuilt the state), without waiting for the policy. */
  soon(): void {
    this.pending = Math.max(this.pending, 1);
    this.arm(0);
  }

  /** Writes now if anything is unsaved; resolves once that write (and any before it) finished. */
  async flush(): Promise<void> {
    this.cancel();
    await this.idle();
    if (this.pending === 0) return;
    // Everything counted so far is in the state the write starts from; later entries stay counted.
    const covered = this.pending;
    this.pending = 0;
    const run = this.write().then((ok) => {
      if (ok) return;
      this.pending += covered;
      if (this.timer === undefined) this.arm(this.policy.everyMs);
    });
    this.inFlight = run.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    const tracked = this.inFlight;
    await tracked;
  }

  /** Resolves once no write is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Drops the timer; leaves nothing scheduled (a write in flight still finishes: see `idle`). */
  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  private arm(ms: number): void {
    this.cancel();
    this.armedFor = ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.armedFor = undefined;
      this.due();
    }, ms);
  }

  /** A write is due: now, or after the burst of entries under way (see LULL_CHECK_MS). */
  private due(): void {
    if (this.busy() && this.pending < this.policy.busyMaxEntries) {
      this.arm(LULL_CHECK_MS);
      return;
    }
    void this.flush();
  }

  private busy(): boolean {
    this.countRate(0);
    const { busyEntriesPerSecond } = this.policy;
    return this.lastRate >= busyEntriesPerSecond || this.window.entries >= busyEntriesPerSecond;
  }

  private countRate(entries: number): void {
    const now = this.clock.now();
    const elapsed = now - this.window.startedAt;
    if (elapsed >= 1000) {
      // The window is over: its entries over its length give the rate. Had it lasted two
      // seconds or more, its last entry came over a second ago: nothing is arriving now.
      this.lastRate = elapsed < 2000 ? (this.window.entries * 1000) / elapsed : 0;
      this.window = { startedAt: now, entries: 0 };
    }
    this.window.entries += entries;
  }
}
