import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { withLocalTimes } from '../../renderer/src/lib/local-times';

describe('core texts in local time', () => {
  it("shows the core's UTC instants in the operator's local time, leaving the rest alone", () => {
    const at = Date.UTC(2026, 10, 28, 13, 4, 5);
    const text =
      'back in local control at about 2026-11-28T13:04:05.000Z (last refresh 2026-11-28T13:03:05Z)';
    const local = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm:ss');
    expect(withLocalTimes(text)).toBe(
      `back in local control at about ${local(at)} (last refresh ${local(at - 60_000)})`,
    );
    expect(withLocalTimes(text)).not.toMatch(/\dT\d|Z\b/);
  });

  it('leaves dates, serials and other numbers as they are', () => {
    const text = 'Contract C-2026-11-28 on SG1-000123, 5000 W, day 2026-11-28';
    expect(withLocalTimes(text)).toBe(text);
  });
});
