/**
 * Activity "Until" on the night clocks go back (Europe/Brussels, 2026-10-25: 02:00-02:59 happens
 * twice). "Until 02:59, that minute included" must include every entry the table shows at 02:xx.
 */
process.env.TZ = 'Europe/Brussels';
import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, toQuery } from '../../renderer/src/features/activity/activity-model';
import { formatDateTime } from '../../renderer/src/lib/format';

const HOUR = 3_600_000;

describe('Activity time range across the autumn clock change (Europe/Brussels)', () => {
  const query = toQuery({ ...EMPTY_FORM, from: '2026-10-25T02:00', to: '2026-10-25T02:59' });

  it('"Until 02:59" includes an entry the table shows at 02:30 in the second (CET) 02:00 hour', () => {
    const secondHour = Date.UTC(2026, 9, 25, 1, 30);
    expect(formatDateTime(secondHour)).toBe('2026-10-25 02:30');
    expect(secondHour).toBeGreaterThanOrEqual(query.from!);
    expect(secondHour).toBeLessThan(query.to!);
  });

  it('"From 02:00" starts at the first 02:00 (CEST), and Until ends after the second 02:59', () => {
    expect(new Date(query.from!).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(new Date(query.to!).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('an ordinary night is unchanged: Until 02:59 ends at 03:00 local (02:00 UTC in winter)', () => {
    const q = toQuery({ ...EMPTY_FORM, to: '2026-10-26T02:59' });
    expect(q.to).toBe(Date.UTC(2026, 9, 26, 2, 0));
  });

  it('the night before the spring change: Until 01:59 ends at 02:00 local, an hour before summer time', () => {
    const q = toQuery({ ...EMPTY_FORM, to: '2026-03-29T01:59' });
    expect(q.to! + HOUR).toBe(Date.UTC(2026, 2, 29, 2, 0));
  });
});
