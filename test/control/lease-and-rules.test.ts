import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkConfirmation,
  readTypedCount,
  requiredConfirmation,
} from '../../shared/domain/control/confirmation';
import {
  atRisk,
  expirySeconds,
  fallbackSeconds,
  lapsesAt,
  refreshEveryMs,
  stillFollowsUntil,
  validUntilFor,
  type LeaseView,
} from '../../shared/domain/control/lease';
import { commandImpact, summarizeDryRun, type DryRunTarget } from '../../shared/domain/control/dry-run';

describe('lease math', () => {
  it('refreshes every third of the fallback timeout, never more than once a second', () => {
    expect(refreshEveryMs(60)).toBe(20_000);
    expect(refreshEveryMs(300)).toBe(100_000);
    expect(refreshEveryMs(3)).toBe(1000);
    expect(refreshEveryMs(1)).toBe(1000);
  });

  it('lapses one fallback timeout after the last delivery', () => {
    expect(lapsesAt(1_000_000, 60)).toBe(1_060_000);
  });

  it('a command is valid for about two refresh periods (at most one period + 5 s), in whole seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 1, max: 3600 }),
        (now, fallbackS) => {
          const until = validUntilFor(now, fallbackS);
          const period = refreshEveryMs(fallbackS);
          expect(until % 1000).toBe(0);
          expect(until).toBeGreaterThanOrEqual(now + period + Math.min(period, 5000));
          expect(until).toBeLessThan(now + period + Math.min(period, 5000) + 1000);
          // Still valid when the next refresh is due, so a held lease never has a gap...
          expect(until).toBeGreaterThan(now + period);
          // ...and an MQTT 5 expiry that covers it, never shorter than 1 s.
          expect(expirySeconds(now, until) * 1000).toBeGreaterThanOrEqual(until - now);
        },
      ),
    );
  });

  it('takes the operator’s fallback timeout over onboarding’s, and refuses to guess one', () => {
    expect(fallbackSeconds(90, 300)).toEqual({ ok: true, seconds: 90, source: 'operator' });
    expect(fallbackSeconds(undefined, 300)).toEqual({ ok: true, seconds: 300, source: 'onboarding' });
    expect(fallbackSeconds(null, null)).toMatchObject({ ok: false });
    expect(fallbackSeconds(0, Number.NaN)).toMatchObject({ ok: false });
  });

  it('says until when a controller still follows a lease that ended, and when it follows nothing of ours', () => {
    const base = { lastDeliveredAt: 10_000, refreshes: 2, fallbackS: 60, now: 20_000 };
    // No release message: released, expired or a refused refresh leave the last delivered command.
    expect(stillFollowsUntil({ ...base, ending: 'released' })).toBe(70_000);
    expect(stillFollowsUntil({ ...base, ending: 'expired' })).toBe(70_000);
    expect(stillFollowsUntil({ ...base, ending: 'rejected' })).toBe(70_000);
    // Its first command refused, a lapse or a takeover: nothing of that lease is followed any more.
    expect(stillFollowsUntil({ ...base, refreshes: 0, ending: 'rejected' })).toBeNull();
    expect(stillFollowsUntil({ ...base, ending: 'lapsed' })).toBeNull();
    expect(stillFollowsUntil({ ...base, ending: 'superseded' })).toBeNull();
    // Released before any PUBACK: a publish may be in flight, so from now (errs late).
    expect(stillFollowsUntil({ ...base, lastDeliveredAt: undefined, ending: 'released' })).toBe(80_000);
    expect(stillFollowsUntil({ ...base, lastDeliveredAt: undefined, ending: 'failed' })).toBeNull();
  });

  it('lists held leases at risk, soonest lapse first', () => {
    const lease = (serial: string, lapses: number | null, held = true): LeaseView => ({
      serial,
      groups: ['storage'],
      commandIds: ['c'],
      held,
      status: held ? 'held' : 'unheld',
      fallbackS: 60,
      refreshEveryMs: 20_000,
      lastDeliveredAt: lapses === null ? null : lapses - 60_000,
      lapsesAt: lapses,
      refreshes: 0,
      refused: 0,
    });
    const list = atRisk(
      [lease('B', 5000), lease('A', 3000), lease('C', 1000, false), lease('D', null)],
      2000,
    );
    expect(list.map((l) => [l.serial, l.inMs])).toEqual([
      ['A', 1000],
      ['B', 3000],
    ]);
  });
});

describe('confirmation scales with impact', () => {
  it('needs nothing up to the thresholds, typed homes above either', () => {
    const t = { homes: 10, totalW: 500_000 };
    expect(requiredConfirmation({ homes: 10, totalW: 500_000 }, t)).toEqual({ kind: 'none' });
    expect(requiredConfirmation({ homes: 11, totalW: 0 }, t)).toMatchObject({
      kind: 'typed-homes',
      homes: 11,
    });
    const byPower = requiredConfirmation({ homes: 3, totalW: 600_000 }, t);
    expect(byPower).toMatchObject({ kind: 'typed-homes', homes: 3 });
    expect(byPower.kind === 'typed-homes' && byPower.why).toContain('600 kW at stake');
  });

  it('accepts only the exact number of homes', () => {
    const required = requiredConfirmation({ homes: 42, totalW: 0 });
    expect(checkConfirmation(required, undefined)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Type the number of homes (42)'),
    });
    expect(checkConfirmation(required, { typedHomes: 41 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('You typed 41'),
    });
    expect(checkConfirmation(required, { typedHomes: 42 })).toEqual({ ok: true });
    expect(checkConfirmation({ kind: 'none' }, undefined)).toEqual({ ok: true });
  });

  it('reads a typed count in digits, with thousands separators only in groups of three', () => {
    for (const text of ['1000', ' 1000 ', '1,000', '1.000', '1 000', "1'000", '1\u202f000']) {
      expect(readTypedCount(text), text).toBe(1000);
    }
    expect(readTypedCount('12,345,678')).toBe(12_345_678);
    for (const text of ['', '1.5', '1,00', '10k', '-3', '1,000.000', '1e3', '0x10', '1,000,', 'ten']) {
      expect(readTypedCount(text), text).toBeNull();
    }
  });
});

describe('dry-run totals', () => {
  const devices = [
    { type: 'storage' as const, nominalPowerW: 5000 },
    { type: 'solar' as const, nominalPowerW: 6000 },
  ];
  const target = (serial: string, errors: string[] = []): DryRunTarget => ({
    serial,
    kind: 'live',
    message: null,
    errors,
    warnings: [],
    impact: commandImpact(devices, {
      storage: { policy: 'setpoint', setpointW: -2500 },
      solar: { policy: 'unrestricted' },
    }),
    lease: null,
  });

  it('counts a setpoint as its size and a bare policy as the group rating; invalid targets are left out', () => {
    const d = summarizeDryRun([target('A'), target('B'), target('C', ['bad'])], 1);
    expect(d.homes).toBe(2);
    expect(d.valid).toEqual(['A', 'B']);
    expect(d.invalid).toEqual(['C']);
    expect(d.totals.storage).toEqual({ targets: 2, setpointW: -5000, atStakeW: 5000 });
    expect(d.totals.solar).toEqual({ targets: 2, setpointW: 0, atStakeW: 12_000 });
    expect(d.totalW).toBe(17_000);
    expect(d.confirmation).toEqual({ kind: 'none' });
    expect(d.blockedBy).toBeNull();
  });
});
