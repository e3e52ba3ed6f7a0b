/**
 * Time source for the simulator. Everything that reads the time or waits goes through a Clock so the
 * model and the fleet can be driven by a fake clock in tests instead of real seconds.
 */

/** Opaque timer handle: whatever the clock's setTimeout/setInterval returned. */
export type TimerHandle = unknown;

/** Wall-clock time in milliseconds plus the timer functions that go with it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

// The globals are looked up at call time, not captured at import, so vitest fake timers installed after
// this module was loaded still take effect.
type NodeTimer = ReturnType<typeof globalThis.setTimeout>;

/** The real clock: Date.now() and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as NodeTimer),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as NodeTimer),
};

/**
 * Resolves after `ms` on the given clock; rejects with the signal's reason if aborted first.
 * Used for back-off waits so a fake clock can skip them and fleet.stop() can cut them short.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
