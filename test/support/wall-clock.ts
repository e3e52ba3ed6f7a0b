/**
 * Sets the wall clock (what `clock.now()` says) forward or back by `byMs`, as NTP, an operator fixing
 * the time or a resumed VM does, while elapsed time (`monotonic()`) and the timers run on unchanged.
 */
export function shiftWallClock(clock: { now: () => number }, byMs: number): void {
  const before = clock.now;
  clock.now = () => before() + byMs;
}
