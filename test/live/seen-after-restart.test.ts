import { describe, expect, it } from 'vitest';
import { liveOnFakeBroker as liveWith } from './live-harness';

const MIN = 60_000;

describe('"seen on MQTT" after a restart', () => {
  it('journals no new mark while the durable one is younger than 15 minutes, then one per period', () => {
    const t0 = 1_790_000_000_000;
    const durable: Record<string, number> = { RECENT: t0 - 5 * MIN, OLD: t0 - 20 * MIN };
    const { live, seen, feedback } = liveWith((serial) => durable[serial]);
    feedback('RECENT', t0);
    feedback('OLD', t0);
    feedback('NEVER', t0);
    // The live values are current either way; only the durable mark waits for its period.
    expect(live.get('RECENT')?.at).toBe(t0);
    expect(seen).toEqual([
      ['OLD', t0],
      ['NEVER', t0],
    ]);
    feedback('RECENT', t0 + 10 * MIN);
    expect(seen).toHaveLength(3);
    expect(seen[2]).toEqual(['RECENT', t0 + 10 * MIN]);
    live.stop();
  });

  it('spreads the marks of a fleet that connected together over the period, each at most a period apart', () => {
    const t0 = 1_790_000_000_000;
    const { live, seen, feedback } = liveWith(() => undefined);
    const serials = Array.from({ length: 500 }, (_, i) => `SG1-${String(i).padStart(6, '0')}`);
    // Every installation reports every 10 s for 31 minutes.
    for (let at = t0; at <= t0 + 31 * MIN; at += 10_000) for (const s of serials) feedback(s, at);
    const first = seen.filter(([, at]) => at === t0);
    expect(first).toHaveLength(500);
    // After the first round, no 10 s round carries more than a few percent of the fleet...
    const perRound = new Map<number, number>();
    for (const [, at] of seen) if (at > t0) perRound.set(at, (perRound.get(at) ?? 0) + 1);
    expect(Math.max(...perRound.values())).toBeLessThanOrEqual(25);
    // ...and every installation is marked again within a period, and again after it.
    for (const s of serials) {
      const times = seen.filter(([serial]) => serial === s).map(([, at]) => at);
      expect(times[1]! - times[0]!).toBeLessThanOrEqual(15 * MIN);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(15 * MIN);
      expect(times[2]! - times[1]!).toBeLessThanOrEqual(15 * MIN + 10_000);
    }
    live.stop();
  });
});
