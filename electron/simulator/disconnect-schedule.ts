import type { Links } from './mqtt-client';

const GOLDEN_RATIO_FRACTION = 0.6180339887498949;

/** Fault knob: cut each connection every `everyS` seconds, staggered so they do not all drop at once. */
export interface DisconnectSchedule {
  tick(nowMs: number): void;
}

/**
 * Creates the schedule; a no-op when the knob is off or there is no broker. Connection k first drops
 * at a phase of the period spread by the golden ratio, then every period after that.
 */
export function createDisconnectSchedule(
  links: Links | undefined,
  everyS: number | undefined,
  startMs: number,
  onDisconnect: (key: string, atMs: number) => void,
): DisconnectSchedule {
  if (links === undefined || everyS === undefined) return { tick: () => undefined };
  const periodMs = everyS * 1000;
  const next = new Map(
    links.connectionKeys.map((key, k) => [key, startMs + periodMs * ((k * GOLDEN_RATIO_FRACTION) % 1 || 1)]),
  );
  return {
    tick(nowMs) {
      for (const [key, at] of next) {
        if (nowMs < at) continue;
        next.set(key, Math.max(at + periodMs, nowMs + 1));
        links.forceDisconnect(key);
        onDisconnect(key, nowMs);
      }
    },
  };
}
