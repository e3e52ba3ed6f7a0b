import { useSyncExternalStore } from 'react';

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (timer === undefined) {
    // The clock was idle: catch up now, so the first render does not show an old time for 30 s.
    now = Date.now();
    queueMicrotask(onChange);
  }
  // One shared clock for every "5 minutes ago" on screen, running only while one is shown.
  timer ??= setInterval(() => {
    now = Date.now();
    for (const listener of [...listeners]) listener();
  }, TICK_MS);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, refreshed every 30 s: enough for relative times, cheap with many on screen. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
