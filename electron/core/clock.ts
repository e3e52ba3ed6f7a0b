/** Time as the core sees it: injected so services can be tested under a fake clock. */
export interface Clock {
  /**
   * Wall-clock time, ms since the epoch: for what is shown, stored and journaled. It can jump either
   * way (NTP, the operator fixing the time, a VM resumed), so never measure a duration with it.
   */
  now(): number;
  /**
   * Elapsed ms from an arbitrary origin, never set back or forward: for durations (pacing, rate
   * windows, staleness). Optional so that the many test fakes whose `now()` never jumps need not
   * repeat it; read it through `monotonicNow`, which falls back to `now()` for them.
   */
  monotonic?(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The clock's monotonic reading; its wall time if it has none (a fake whose `now()` never jumps). */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
