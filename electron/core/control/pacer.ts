import { monotonicNow, type Clock } from '../clock';

export type PacerOptions = {
  /** Least time between two publishes to one controller (protocol.md §2: one command a second). */
  perControllerMs: number;
  /** Most publishes in any one-second window, over all controllers (reliability-notes EC-5). */
  globalPerSecond: number;
};

type Waiter = { serial: string; resolve: (go: boolean) => void };

/**
 * Gates every publish (commands and lease refreshes): no controller gets two within
 * `perControllerMs`, and no second carries more than `globalPerSecond`. Waiters for a controller
 * that must wait do not hold up the others. A waiter is told `false` when the pacer stops.
 *
 * Every time here is the clock's monotonic reading, never its wall time: these are durations. Timed
 * on the wall clock, a clock set back an hour left each controller's last publish an hour in the
 * future, and its lease refreshes and new commands waited that hour.
 */
export class Pacer {
  private queue: Waiter[] = [];
  private readonly last = new Map<string, number>();
  /** Release times in the last second, oldest first (a sliding window, so the cap is strict). */
  private readonly window: number[] = [];
  private timer: unknown;
  private pumpQueued = false;
  private forgotAt = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: PacerOptions,
  ) {}

  /** Resolves `true` when a publish to `serial` may go now, `false` if the pacer stopped first. */
  acquire(serial: string): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.queue.push({ serial, resolve });
      // One pass for all the acquires of this tick: a bulk send asks 10,000 times in a row, and
      // a pass per acquire made it quadratic.
      if (this.pumpQueued) return;
      this.pumpQueued = true;
      queueMicrotask(() => {
        this.pumpQueued = false;
        if (!this.stopped) this.pump();
      });
    });
  }

  /**
   * A publish to `serial` leaves now, later than its slot was granted (a command's audit record is
   * written in between): the controller's next slot counts from here, so a refresh right after a
   * slow audit write cannot reach it less than `perControllerMs` after the command. The moment is
   * read here, on the monotonic clock.
   */
  sent(serial: string): void {
    const at = monotonicNow(this.clock);
    this.last.set(serial, Math.max(this.last.get(serial) ?? at, at));
  }

  /** Waiters still queued (for diagnostics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    for (const w of this.queue.splice(0)) w.resolve(false);
  }

  private pump(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const now = monotonicNow(this.clock);
    let expired = 0;
    while (expired < this.window.length && (this.window[expired] ?? 0) <= now - 1000) expired += 1;
    if (expired > 0) this.window.splice(0, expired);
    // One pass, in arrival order: who may go now goes, the rest keep their place.
    const left: Waiter[] = [];
    for (const w of this.queue) {
      if (this.window.length < this.options.globalPerSecond && this.readyAt(w.serial) <= now) {
        this.last.set(w.serial, now);
        this.window.push(now);
        w.resolve(true);
      } else {
        left.push(w);
      }
    }
    this.queue = left;
    this.forget(now);
    if (this.queue.length > 0) this.schedule(now);
  }

  private readyAt(serial: string): number {
    const last = this.last.get(serial);
    return last === undefined ? 0 : last + this.options.perControllerMs;
  }

  /** Next wake-up: when the window frees a slot, or when the earliest waiting controller may go. */
  private schedule(now: number): void {
    const full = this.window.length >= this.options.globalPerSecond;
    const windowFree = full ? (this.window[0] ?? now) + 1000 : now;
    let serialFree = Number.POSITIVE_INFINITY;
    for (const w of this.queue) {
      serialFree = Math.min(serialFree, this.readyAt(w.serial));
      // One waiter that may go now settles it: with 10,000 queued, scanning them all on every
      // acquire made a bulk send quadratic.
      if (serialFree <= now) break;
    }
    const at = Math.max(windowFree, serialFree);
    this.timer = this.clock.setTimeout(() => this.pump(), Math.max(1, at - now));
  }

  /**
   * Drops per-controller times that no longer matter, so the map does not grow with the fleet; at
   * most once per `perControllerMs` (a sweep per pump over 10,000 fresh entries was quadratic).
   */
  private forget(now: number): void {
    if (this.last.size < 4096 || now - this.forgotAt < this.options.perControllerMs) return;
    this.forgotAt = now;
    for (const [serial, at] of this.last)
      if (at + this.options.perControllerMs <= now) this.last.delete(serial);
  }
}
