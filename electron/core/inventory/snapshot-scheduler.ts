import type { Clock } from '../clock';

export type SnapshotPolicy = {
  /** Write once this many entries are not in the snapshot yet (default 20,000). */
  everyEntries: number;
  /** Or this long after the first entry the snapshot lacks (default 60 s). */
  everyMs: number;
};

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { everyEntries: 20_000, everyMs: 60_000 };

/**
 * Decides when to write the snapshot behind. The write blocks the event loop (conf is
 * synchronous), so it is kept rare and off the request path: a timer, never inside a commit.
 * The snapshot only shortens replay; durability comes from the journal.
 */
export class SnapshotScheduler {
  private pending = 0;
  private timer: unknown;
  private armedFor: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly policy: SnapshotPolicy,
    /** Writes the snapshot; returns false when it failed (the caller logged it; a later turn retries). */
    private readonly write: () => boolean,
  ) {}

  /** Entries applied since the last write. */
  get unsaved(): number {
    return this.pending;
  }

  /** Counts applied entries and arms the timer. */
  note(entries: number): void {
    this.pending += entries;
    if (this.pending >= this.policy.everyEntries) {
      if (this.armedFor !== 0) this.arm(0);
    } else if (this.timer === undefined) this.arm(this.policy.everyMs);
  }

  /** Asks for a write soon (after recovery rebuilt the state), without waiting for the policy. */
  soon(): void {
    this.pending = Math.max(this.pending, 1);
    this.arm(0);
  }

  /** Writes now if anything is unsaved. */
  flush(): void {
    this.cancel();
    if (this.pending === 0) return;
    // The write is synchronous, so no entry is applied while it runs: all counted ones are saved.
    if (this.write()) this.pending = 0;
    else this.arm(this.policy.everyMs);
  }

  /** Drops the timer; leaves nothing running. */
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
      this.flush();
    }, ms);
  }
}
