/**
 * When each installation's last health call arrived in this run, on the monotonic clock, next to
 * the wall time the inventory stamped it with (`lastSeen.health`). Staleness is elapsed time since
 * that call: measured on the wall clock, a clock set back an hour right after a controller's last
 * call kept it `ok` for an extra hour (and a clock set forward turned the whole fleet stale at once).
 *
 * One small entry per installation that called in this run: cheap at 10,000 installations. Calls
 * from before the start have no mark; the wall clock is all that is known of them.
 */
export class ReceivedMarks {
  private readonly marks = new Map<string, { wallAt: number; elapsedAt: number }>();

  /** A call stamped `wallAt` arrived at `elapsedAt` (monotonic). */
  record(serial: string, wallAt: number, elapsedAt: number): void {
    this.marks.set(serial, { wallAt, elapsedAt });
  }

  /**
   * How long ago the call stamped `wallAt` arrived: in elapsed time when it is the one marked, by
   * the wall clock otherwise (a call from before the start, or data replaced by a restore).
   */
  silentMs(serial: string, wallAt: number, now: { wall: number; elapsed: number }): number {
    const mark = this.marks.get(serial);
    return mark !== undefined && mark.wallAt === wallAt ? now.elapsed - mark.elapsedAt : now.wall - wallAt;
  }

  clear(): void {
    this.marks.clear();
  }
}
