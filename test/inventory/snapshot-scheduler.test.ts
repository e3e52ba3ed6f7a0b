import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import {
  DEFAULT_SNAPSHOT_POLICY,
  SnapshotScheduler,
  type SnapshotPolicy,
} from '../../electron/core/inventory/snapshot-scheduler';

const POLICY: SnapshotPolicy = { ...DEFAULT_SNAPSHOT_POLICY, everyEntries: 1_000, busyMaxEntries: 5_000 };

/** A scheduler whose writes are counted, under Vitest's fake timers. */
function scheduler(policy = POLICY) {
  const writes: number[] = [];
  const s = new SnapshotScheduler(systemClock, policy, () => {
    writes.push(Date.now());
    return Promise.resolve(true);
  });
  return { s, writes };
}

/** Notes `perSecond` entries a second, in 10 ms steps, for `ms`. */
async function burst(s: SnapshotScheduler, perSecond: number, ms: number) {
  for (let t = 0; t < ms; t += 10) {
    s.note(perSecond / 100);
    await vi.advanceTimersByTimeAsync(10);
  }
}

describe('when the snapshot is written', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('at its entry count, at once, while entries trickle in', async () => {
    const { s, writes } = scheduler();
    await burst(s, 100, 12_000);
    // 1,200 entries at 100/s, one every 10 ms from 0: one write, as the 1,000th arrives (at 9.99 s).
    expect(writes).toEqual([1_000_000 + 9_990]);
    s.cancel();
  });

  it('waits for a lull during a burst of callbacks, then writes within a second of it', async () => {
    const { s, writes } = scheduler();
    await burst(s, 1_000, 3_000);
    expect(writes).toEqual([]);
    const lullFrom = Date.now();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(writes).toHaveLength(1);
    expect(writes[0]! - lullFrom).toBeLessThanOrEqual(2_000);
    s.cancel();
  });

  it('writes during a burst that goes on, once the unsaved entries reach the bound', async () => {
    const { s, writes } = scheduler();
    await burst(s, 1_000, 6_000);
    expect(writes).toHaveLength(1);
    // 5,000 entries at 1,000/s: about five seconds in (a lull check runs every second).
    expect(writes[0]! - 1_000_000).toBeGreaterThanOrEqual(5_000);
    expect(writes[0]! - 1_000_000).toBeLessThanOrEqual(6_000);
    expect(s.unsaved).toBeLessThan(1_100);
    s.cancel();
  });

  it('writes everything on flush (closing), busy or not', async () => {
    const { s, writes } = scheduler();
    await burst(s, 1_000, 1_500);
    expect(writes).toEqual([]);
    await s.flush();
    expect(writes).toHaveLength(1);
    expect(s.unsaved).toBe(0);
  });
});
