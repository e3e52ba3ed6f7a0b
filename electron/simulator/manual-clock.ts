import type { Clock, TimerHandle } from './clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  every?: number;
}

/** A Clock whose time only moves when told to; for tests and deterministic benchmarks. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in time order (timers set meanwhile fire too). */
  advance(ms: number): void;
  /** Number of pending timers, to check that everything was cleaned up. */
  pendingTimers(): number;
}

/**
 * Creates a manual clock starting at `startMs` (Unix ms).
 * Unlike vitest fake timers it touches no globals, so the MQTT and HTTP stacks keep real time.
 */
export function createManualClock(startMs: number): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const add = (fn: () => void, ms: number, every?: number): TimerHandle => {
    const id = nextId++;
    const timer: Timer = { id, at: now + Math.max(0, ms), fn };
    if (every !== undefined) timer.every = Math.max(1, every);
    timers.set(id, timer);
    return id;
  };
  const clear = (handle: TimerHandle): void => {
    timers.delete(handle as number);
  };
  const nextDue = (until: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) {
      if (t.at <= until && (best === undefined || t.at < best.at || (t.at === best.at && t.id < best.id))) {
        best = t;
      }
    }
    return best;
  };
  return {
    now: () => now,
    setTimeout: (fn, ms) => add(fn, ms),
    clearTimeout: clear,
    setInterval: (fn, ms) => add(fn, ms, ms),
    clearInterval: clear,
    advance(ms) {
      const until = now + ms;
      for (let t = nextDue(until); t !== undefined; t = nextDue(until)) {
        now = Math.max(now, t.at);
        if (t.every === undefined) timers.delete(t.id);
        else t.at += t.every;
        t.fn();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
  };
}
