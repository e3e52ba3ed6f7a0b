import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlarmNotifier, type AlarmNotice } from '../../electron/main/alarm-notifier';
import type { FleetCounters, FleetRow } from '../../shared/domain/fleet/fleet-row';
import { readSettings } from '../../shared/domain/settings-read';

const counters = {} as FleetCounters;
const row = (serial: string, health: FleetRow['health'], extra: Partial<FleetRow> = {}): FleetRow => ({
  serial,
  contractNumber: null,
  customerName: null,
  address: '',
  onboarding: 'linked',
  health,
  overdue: health === 'stale' ? 'health' : null,
  errorCount: health === 'error' ? 1 : 0,
  firstError: health === 'error' ? 'Inverter offline' : null,
  lastSeenAt: null,
  firstSeenAt: 0,
  storageW: null,
  solarW: null,
  socPct: null,
  underControl: false,
  control: 'local',
  localBy: null,
  fallbackSince: null,
  ...extra,
});

let shown: AlarmNotice[];
let enabled: boolean;
/** What each installation last reported, as the inventory keeps it (a stale row hides it). */
let reported: Map<string, FleetRow['health']>;
let notifier: AlarmNotifier;

beforeEach(() => {
  vi.useFakeTimers();
  shown = [];
  enabled = true;
  reported = new Map();
  notifier = new AlarmNotifier({
    show: (n) => shown.push(n),
    enabled: () => enabled,
    reportedHealth: (serial) => reported.get(serial),
    batchMs: 5_000,
  });
  notifier.baseline([row('A', 'ok'), row('B', 'error'), row('C', 'warning')]);
});
afterEach(() => {
  notifier.stop();
  vi.useRealTimers();
});

describe('desktop notifications for new alarms', () => {
  it('tells about an installation that turns to error, with its customer and the error', () => {
    notifier.observe({ upserts: [row('A', 'error', { customerName: 'An Janssens' })], counters });
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([{ title: 'A reports an error', body: 'An Janssens: Inverter offline' }]);
  });

  it('says nothing about errors that were there at start, or that stay errors', () => {
    notifier.observe({ upserts: [row('B', 'error'), row('C', 'warning')], counters });
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('makes one notification of many turns that come together, naming a few', () => {
    notifier.baseline(Array.from({ length: 10 }, (_, i) => row(`S${i}`, 'ok')));
    notifier.observe({ upserts: Array.from({ length: 6 }, (_, i) => row(`S${i}`, 'error')), counters });
    vi.advanceTimersByTime(1_000);
    notifier.observe({ upserts: [row('S7', 'error')], counters });
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([
      {
        title: '7 installations report errors',
        body: 'S0, S1, S2 and 4 more. The fleet lists them first.',
      },
    ]);
  });

  it('drops one that recovered before the notification was due, and a new one arriving in error counts', () => {
    notifier.observe({ upserts: [row('A', 'error'), row('NEW', 'error')], counters });
    notifier.observe({ upserts: [row('A', 'ok')], counters });
    vi.advanceTimersByTime(5_000);
    expect(shown.map((n) => n.title)).toEqual(['NEW reports an error']);
  });

  it('stays quiet when the setting is off, and after a restore brings errors back', () => {
    enabled = false;
    notifier.observe({ upserts: [row('A', 'error')], counters });
    vi.advanceTimersByTime(5_000);
    enabled = true;
    notifier.observe({ upserts: [row('C', 'error'), row('D', 'error')], counters, reset: true });
    vi.advanceTimersByTime(5_000);
    expect(shown).toEqual([]);
  });

  it('says nothing when an installation stale at start (in error before) reports the same error again', () => {
    // Fleetdesk was closed for the night: the row shows stale, its last report was an error.
    reported.set('D', 'error');
    reported.set('E', 'ok');
    notifier.baseline([row('D', 'stale'), row('E', 'stale')]);
    notifier.observe({ upserts: [row('D', 'error')], counters });
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
    // One that last reported ok and now reports an error is news, stale in between or not.
    notifier.observe({ upserts: [row('E', 'error')], counters });
    vi.advanceTimersByTime(5_000);
    expect(shown.map((n) => n.title)).toEqual(['E reports an error']);
  });

  it('says nothing when an installation in error goes silent and comes back with its error', () => {
    notifier.observe({ upserts: [row('B', 'stale')], counters });
    notifier.observe({ upserts: [row('B', 'error')], counters });
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('still tells about one that turned to error and then went silent before the notification was due', () => {
    notifier.observe({ upserts: [row('A', 'error')], counters });
    notifier.observe({ upserts: [row('A', 'stale')], counters });
    vi.advanceTimersByTime(5_000);
    expect(shown.map((n) => n.title)).toEqual(['A reports an error']);
  });

  it('drops a turn to error seen just before a restore replaced the fleet', () => {
    notifier.observe({ upserts: [row('A', 'error')], counters });
    vi.advanceTimersByTime(1_000);
    notifier.observe({ upserts: [row('A', 'ok'), row('C', 'warning')], counters, reset: true });
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('is on for settings saved before the setting existed, and a saved choice is kept', () => {
    expect(readSettings({ schemaVersion: 1, operatorName: 'Ann' })).toMatchObject({
      ok: true,
      value: { alarmNotifications: true },
    });
    expect(readSettings({ schemaVersion: 1, alarmNotifications: false })).toMatchObject({
      ok: true,
      value: { alarmNotifications: false },
    });
  });
});
