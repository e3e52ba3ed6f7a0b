import { describe, expect, it } from 'vitest';
import {
  FULL_RESOLUTION_READINGS,
  FeedbackHistory,
  HISTORY_CAPACITY,
} from '../../electron/core/live/feedback-history';
import { coverageNote } from '../../renderer/src/features/installation/power-chart-model';
import type { FeedbackValues } from '../../shared/protocol/profile';

const values = (storageW: number | null, socPct: number | null = 50): FeedbackValues => ({
  storageW,
  socPct,
  storedWh: 1000,
  solarW: 2000,
  gridW: -300,
});

describe('FeedbackHistory', () => {
  it('reads back every reading in order, null kept as null', () => {
    const h = new FeedbackHistory(10);
    h.push('A', 1000, values(-2500, null), 0);
    h.push('A', 2000, values(null, 54.5), null);
    expect(h.readings('A')).toEqual([
      { at: 1000, storageW: -2500, socPct: null, solarW: 2000, gridW: -300, responseCode: 0 },
      { at: 2000, storageW: null, socPct: 54.5, solarW: 2000, gridW: -300, responseCode: null },
    ]);
    expect(h.readings('B')).toEqual([]);
  });

  it('keeps only the last `capacity` readings and says how many it dropped', () => {
    const h = new FeedbackHistory(5);
    for (let i = 0; i < 12; i++) h.push('A', i * 10_000, values(i), 0);
    expect(h.readings('A').map((r) => r.storageW)).toEqual([7, 8, 9, 10, 11]);
    const q = h.query('A', undefined, 100);
    expect(q).toMatchObject({ readings: 5, capacity: 5, dropped: 7, oldestAt: 70_000 });
    expect(q.storageW).toEqual([7, 8, 9, 10, 11]);
  });

  it('grows past its first allocation without losing order, then wraps at its capacity', () => {
    const h = new FeedbackHistory(360, 360);
    for (let i = 0; i < 200; i++) h.push('A', i * 10_000, values(i), 0);
    expect(h.readings('A').map((r) => r.storageW)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (let i = 200; i < 500; i++) h.push('A', i * 10_000, values(i), 0);
    expect(h.readings('A').map((r) => r.storageW)).toEqual(Array.from({ length: 360 }, (_, i) => i + 140));
    expect(h.query('A', 400 * 10_000, 1000)).toMatchObject({
      readings: 100,
      dropped: 140,
      oldestAt: 1_400_000,
    });
  });

  it('keeps every reading and its values in order when the capacity ends in a short block', () => {
    // 200 = blocks of 90, 90 and 20 readings: wrapping must cross the short last block correctly.
    const h = new FeedbackHistory(200, 200);
    for (let i = 0; i < 555; i++) h.push('A', i * 10_000, values(i, i % 100), i % 7);
    const kept = h.readings('A');
    expect(kept).toHaveLength(200);
    expect(kept.map((r) => r.at)).toEqual(Array.from({ length: 200 }, (_, i) => (i + 355) * 10_000));
    expect(kept.map((r) => [r.storageW, r.socPct, r.responseCode])).toEqual(
      Array.from({ length: 200 }, (_, i) => [i + 355, (i + 355) % 100, (i + 355) % 7]),
    );
    expect(h.query('A', 500 * 10_000, 1000)).toMatchObject({ readings: 55, dropped: 355 });
  });

  it('answers only readings at or after sinceMs, across the ring’s wrap', () => {
    const h = new FeedbackHistory(4);
    for (let i = 0; i < 6; i++) h.push('A', i * 1000, values(i), 0);
    expect(h.query('A', 3500, 100).times).toEqual([4000, 5000]);
    expect(h.query('A', 0, 100).times).toEqual([2000, 3000, 4000, 5000]);
    expect(h.query('A', 9999, 100)).toMatchObject({ times: [], readings: 0, oldestAt: 2000 });
  });

  it('never lets a clock stepped back reorder the history', () => {
    const h = new FeedbackHistory(4);
    h.push('A', 5000, values(1), 0);
    h.push('A', 3000, values(2), 0);
    expect(h.readings('A').map((r) => r.at)).toEqual([5000, 5000]);
  });

  it('stores values at Float32 precision (documented), integers exactly', () => {
    const h = new FeedbackHistory(2);
    h.push('A', 1, values(1234567, 33.3), 3);
    const [r] = h.readings('A');
    expect(r).toMatchObject({ storageW: 1234567, socPct: Math.fround(33.3), responseCode: 3 });
  });

  it('downsamples to maxPoints keeping the peak', () => {
    const h = new FeedbackHistory(720, 720);
    for (let i = 0; i < 720; i++) h.push('A', i * 10_000, values(i === 400 ? 9000 : 100), 0);
    const q = h.query('A', undefined, 50);
    expect(q.times.length).toBeLessThanOrEqual(50);
    expect(q.readings).toBe(720);
    expect(Math.max(...q.storageW.map((v) => v ?? -Infinity))).toBe(9000);
  });

  it('answers an empty history for an installation that sent nothing', () => {
    expect(new FeedbackHistory().query('A', undefined, 100)).toEqual({
      serial: 'A',
      times: [],
      storageW: [],
      socPct: [],
      solarW: [],
      gridW: [],
      responseCode: [],
      readings: 0,
      capacity: HISTORY_CAPACITY,
      dropped: 0,
      oldestAt: null,
      fullResolutionFrom: null,
    });
  });
});

describe('FeedbackHistory over an hour: the last 15 minutes as received, older minutes as min and max', () => {
  /** 15 minutes of readings at 10 s. */
  const QUARTER_HOUR = 90;
  /** Two hours at 10 s from t = 0: reading i at i × 10 s, storage i W, a spike of 9,000 W at 450. */
  function twoHours(): FeedbackHistory {
    const h = new FeedbackHistory();
    for (let i = 0; i < 720; i++) h.push('A', i * 10_000, values(i === 450 ? 9000 : i, i % 2 ? null : 50), 0);
    return h;
  }

  it('keeps the newest readings exactly as received', () => {
    const kept = twoHours().readings('A');
    const fine = kept.slice(-QUARTER_HOUR);
    expect(fine.map((r) => r.at)).toEqual(Array.from({ length: 90 }, (_, i) => (630 + i) * 10_000));
    expect(fine.map((r) => r.storageW)).toEqual(Array.from({ length: 90 }, (_, i) => 630 + i));
  });

  it('keeps each older minute as its minimum and maximum, peaks and gaps included', () => {
    const kept = twoHours().readings('A').slice(0, -QUARTER_HOUR);
    // Readings 360…629 folded into minutes 60…104: two rows each, the minute's first and last time.
    expect(kept).toHaveLength(90);
    const minute = (m: number) => kept.slice((m - 60) * 2, (m - 60) * 2 + 2);
    const [lo, hi] = minute(61);
    expect([lo?.at, hi?.at]).toEqual([366 * 10_000, 371 * 10_000]);
    expect([lo?.storageW, hi?.storageW]).toEqual([366, 371]);
    // The spike at reading 450 (minute 75) survives as that minute's maximum.
    expect(minute(75).map((r) => r.storageW)).toEqual([451, 9000]);
    // SoC is missing in every other reading: the minute keeps the values that were there.
    expect(minute(61).map((r) => r.socPct)).toEqual([50, 50]);
    expect(kept.every((r) => r.solarW === 2000 && r.responseCode === 0)).toBe(true);
  });

  it('says how far full resolution goes, what it dropped, and what it still reaches', () => {
    const h = twoHours();
    const all = h.query('A', undefined, 10_000);
    expect(all).toMatchObject({
      // The readings received in the hour it reaches (its minutes' included), not the rows kept.
      readings: 360,
      capacity: HISTORY_CAPACITY,
      // Readings 0…359 are older than the hour the history reaches.
      dropped: 360,
      oldestAt: 360 * 10_000,
      fullResolutionFrom: 630 * 10_000,
    });
    expect(Math.max(...all.storageW.map((v) => v ?? -Infinity))).toBe(9000);
    // A window that starts among the minutes takes the minutes from there, then every reading.
    const recent = h.query('A', 600 * 10_000, 10_000);
    expect(recent.times[0]).toBe(600 * 10_000);
    expect(recent.readings).toBe(30 + 90);
    // One that starts among the readings as received takes only those.
    expect(h.query('A', 700 * 10_000, 10_000).readings).toBe(20);
  });

  it('is all as received until the first 15 minutes are full', () => {
    const h = new FeedbackHistory();
    for (let i = 0; i < 90; i++) h.push('A', i * 10_000, values(i), 0);
    expect(h.query('A', undefined, 1000)).toMatchObject({
      readings: 90,
      fullResolutionFrom: null,
      dropped: 0,
    });
    h.push('A', 90 * 10_000, values(90), 0);
    expect(h.query('A', undefined, 1000)).toMatchObject({
      readings: 91,
      fullResolutionFrom: 10_000,
      oldestAt: 0,
    });
  });
});

describe('FeedbackHistory keeps the hour by time, whatever the feedback cadence', () => {
  const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
  /** Two hours of feedback every `periodS` seconds (faster with `--feedback-period-s` or commands). */
  function twoHoursEvery(periodS: number) {
    const h = new FeedbackHistory();
    let last = T0;
    for (let i = 0; i < (2 * 3600) / periodS; i++) {
      last = T0 + i * periodS * 1000;
      h.push('A', last, values(1000), 0);
    }
    return { h, q: { ...h.query('A', undefined, 800), latest: null }, last };
  }
  const minutesBack = (last: number, at: number | null) => (last - (at ?? last)) / 60_000;

  it.each([10, 5, 2, 1])('the chart note is true for feedback every %i s', (periodS) => {
    const { q, last } = twoHoursEvery(periodS);
    const note = coverageNote(q);
    const claimed = Number(/reaches (\d+) min back/.exec(note)?.[1]);
    expect(claimed, note).toBe(60);
    expect(Math.abs(minutesBack(last, q.oldestAt) - claimed), note).toBeLessThanOrEqual(1);
    // It counts the readings received in that hour, not the rows it keeps of them.
    expect(note).toContain(`${3600 / periodS} readings received`);
    expect(q.readings + q.dropped).toBe((2 * 3600) / periodS);
  });

  it.each([10, 5])('keeps the last 15 minutes as received at one every %i s', (periodS) => {
    const { h, q, last } = twoHoursEvery(periodS);
    expect(minutesBack(last, q.fullResolutionFrom)).toBeCloseTo(15, 0);
    const asReceived = h.readings('A').filter((r) => r.at >= (q.fullResolutionFrom ?? Infinity));
    expect(asReceived).toHaveLength((15 * 60) / periodS);
  });

  it('keeps at most FULL_RESOLUTION_READINGS as received when feedback comes faster, and says from when', () => {
    const { q, last } = twoHoursEvery(1);
    expect(minutesBack(last, q.fullResolutionFrom)).toBeCloseTo(FULL_RESOLUTION_READINGS / 60, 1);
    expect(coverageNote(q)).toMatch(/before \d\d:\d\d as each minute's min and max/);
  });

  it('keeps every reading in order when a faster cadence grows the 15 minutes after older ones aged out', () => {
    const h = new FeedbackHistory();
    const pushed: number[] = [];
    const push = (at: number) => {
      pushed.push(at);
      h.push('A', at, values(pushed.length), 0);
    };
    // 20 minutes at 10 s: readings age out of the 15 minutes, so the oldest is no longer in slot 0.
    for (let t = 0; t < 20 * 60_000; t += 10_000) push(T0 + t);
    // Then a command rollout: an answer every second for 2 minutes grows the readings kept.
    for (let t = 20 * 60_000; t < 22 * 60_000; t += 1000) push(T0 + t);
    const q = h.query('A', undefined, 10_000);
    const asReceived = h.readings('A').filter((r) => r.at >= (q.fullResolutionFrom ?? Infinity));
    expect(asReceived.map((r) => r.at)).toEqual(pushed.slice(-FULL_RESOLUTION_READINGS));
    expect(asReceived.map((r) => r.storageW)).toEqual(
      pushed.map((_, i) => i + 1).slice(-FULL_RESOLUTION_READINGS),
    );
    expect(q.readings).toBe(pushed.length);
  });

  it('forgets an hour-old outage: after a long silence only the new readings remain', () => {
    const h = new FeedbackHistory();
    for (let i = 0; i < 360; i++) h.push('A', T0 + i * 10_000, values(i), 0);
    // Two hours without feedback, then one reading.
    const back = T0 + 360 * 10_000 + 2 * 3600_000;
    h.push('A', back, values(-1), 0);
    expect(h.readings('A').map((r) => r.at)).toEqual([back]);
    expect(h.query('A', undefined, 100)).toMatchObject({ readings: 1, dropped: 360, oldestAt: back });
  });
});
