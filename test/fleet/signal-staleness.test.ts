import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import type { Clock } from '../../electron/core/clock';
import { FEEDBACK_LEARNING, FleetView } from '../../electron/core/fleet/fleet-view';
import { PeriodLearner } from '../../electron/core/fleet/period-learner';
import { overdueSignals } from '../../shared/domain/fleet/health-view';
import type { Installation } from '../../shared/domain/inventory/installation';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const MIN = 60_000;

function installation(state: Installation['onboarding']['state'], lastHealth?: number): Installation {
  return {
    onboarding: { state, since: T0 },
    lastSeen: lastHealth === undefined ? {} : { health: lastHealth },
  } as Installation;
}

describe('which expected signals stopped coming', () => {
  const expect5min = { healthPeriodMs: 5 * MIN, stalePeriods: 3 };

  it('health calls: after the given number of missed periods', () => {
    expect(overdueSignals(installation('linked', T0), T0 + 15 * MIN, expect5min)).toBeNull();
    expect(overdueSignals(installation('linked', T0), T0 + 15 * MIN + 1, expect5min)).toBe('health');
    // Offboarded and rejected installations are not expected to call.
    expect(overdueSignals(installation('offboarded', T0), T0 + 60 * MIN, expect5min)).toBeNull();
  });

  it('MQTT feedback: counted from the later of the last message and the link coming up', () => {
    const mqtt = { lastAt: T0, periodMs: 10_000, linkUpSince: T0 - MIN };
    const linked = installation('linked', T0 + 2 * MIN);
    expect(overdueSignals(linked, T0 + 30_000, { ...expect5min, mqtt })).toBeNull();
    expect(overdueSignals(linked, T0 + 30_001, { ...expect5min, mqtt })).toBe('mqtt');
    // The link came back a moment ago: the controllers get their periods again.
    const back = { ...mqtt, linkUpSince: T0 + 5 * MIN };
    expect(overdueSignals(linked, T0 + 5 * MIN + 20_000, { ...expect5min, mqtt: back })).toBeNull();
    // Both stopped.
    expect(overdueSignals(installation('linked', T0), T0 + 20 * MIN, { ...expect5min, mqtt })).toBe('both');
  });
});

describe('fleet rows from MQTT feedback', () => {
  it('turn stale when feedback stops while the link is up, and not while the link is down', async () => {
    const dir = tempDir('fleetdesk-staleness-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const serial = 'SG1-0042';
    await inventory.commit([onboardingDraft(serial, T0)]);
    let now = T0;
    let linkUpSince: number | undefined = T0;
    let readingAt: number | undefined;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
      live: (s) =>
        s === serial && readingAt !== undefined
          ? { at: readingAt, values: { storageW: 0, solarW: 0, socPct: 50 } }
          : undefined,
      linkUpSince: () => linkUpSince,
    });
    const row = () => {
      view.touch(serial);
      return view.list().rows.find((r) => r.serial === serial);
    };
    // Health calls every 5 minutes keep the health signal fresh throughout.
    const healthAt = async (at: number) =>
      view.onCommitted(await inventory.commit([healthDraft(serial, at)]));

    await healthAt(T0);
    // Feedback every 10 s: the cadence is learned after a few messages.
    for (let i = 0; i < 5; i += 1) {
      now = readingAt = T0 + i * 10_000;
      expect(row()).toMatchObject({ health: 'ok', overdue: null });
    }
    await healthAt(T0 + 40_000);
    // Silent for more than three periods while the link is up: stale, because of MQTT.
    now = T0 + 40_000 + 31_000;
    expect(row()).toMatchObject({ health: 'stale', overdue: 'mqtt' });

    // The link drops: the silence is ours, not the controller's.
    linkUpSince = undefined;
    now += 2 * MIN;
    expect(row()).toMatchObject({ health: 'ok', overdue: null });

    // The link is back: the controller has its periods again before it counts as silent.
    linkUpSince = now;
    now += 20_000;
    expect(row()).toMatchObject({ health: 'ok', overdue: null });
    now += 15_000;
    expect(row()).toMatchObject({ health: 'stale', overdue: 'mqtt' });

    // Feedback resumes.
    readingAt = now;
    expect(row()).toMatchObject({ health: 'ok', overdue: null });
    view.stop();
    await inventory.close();
  });

  it('does not judge an installation on MQTT before its cadence is known', async () => {
    const dir = tempDir('fleetdesk-staleness-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    await inventory.commit([onboardingDraft('SG1-0001', T0)]);
    let now = T0;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
      live: () => ({ at: T0, values: { storageW: 0, solarW: 0, socPct: 50 } }),
      linkUpSince: () => T0 - MIN,
    });
    view.touch('SG1-0001');
    now = T0 + 10 * MIN;
    view.touch('SG1-0001');
    expect(view.list().rows[0]).toMatchObject({ health: 'unknown', overdue: null });
    view.stop();
    await inventory.close();
  });
});

describe('the learned health period', () => {
  it('is not shortened by repeated deliveries of one health event, so one missed call is not stale', async () => {
    const dir = tempDir('fleetdesk-staleness-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const serial = 'SG1-0042';
    await inventory.commit([onboardingDraft(serial, T0)]);
    let now = T0;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS, // a 5-minute period, stale after 3 missed
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
    });
    // A health call every 5 minutes, each delivered again 2 s later (the same eventId: a retry).
    let last = T0;
    for (let i = 0; i < 8; i += 1) {
      last = T0 + i * 5 * MIN;
      const eventKey = `health:${serial}:e${i}`;
      // The clock moves with the calls: staleness counts elapsed time from when a call came in.
      now = last;
      view.onCommitted(await inventory.commit([healthDraft(serial, last, 'ok', eventKey)]));
      now = last + 2000;
      view.onCommitted(await inventory.commit([healthDraft(serial, last + 2000, 'ok', eventKey)]));
    }
    expect(inventory.getInstallation(serial)?.lastSeen.health).toBe(last);
    const row = () => {
      view.touch(serial); // as the periodic sweep does
      return view.list().rows.find((r) => r.serial === serial);
    };
    // One call missed: 10 minutes of silence is well within 3 periods of 5 minutes.
    now = last + 10 * MIN;
    expect(row()).toMatchObject({ health: 'ok', overdue: null });
    // Three missed are not.
    now = last + 15 * MIN + 1;
    expect(row()).toMatchObject({ health: 'stale', overdue: 'health' });
    view.stop();
    await inventory.close();
  });
});

describe('"last seen on MQTT" in health after a broker outage', () => {
  it('a controller that stops reporting 2 minutes after a 10-minute outage turns stale (10 s cadence, 3 periods)', async () => {
    const dir = tempDir('fleetdesk-staleness-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const serial = 'SG1-0042';
    await inventory.commit([onboardingDraft(serial, T0)]);
    let now = T0;
    let linkUpSince: number | undefined = T0;
    let readingAt: number | undefined;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS, // stale after 3 missed periods
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
      live: (s) =>
        s === serial && readingAt !== undefined
          ? { at: readingAt, values: { storageW: 0, solarW: 0, socPct: 50 } }
          : undefined,
      linkUpSince: () => linkUpSince,
    });
    const reading = (at: number) => {
      now = readingAt = at;
      view.touch(serial);
    };
    const row = () => {
      view.touch(serial); // as the periodic sweep does
      return view.list().rows.find((r) => r.serial === serial);
    };
    // Health calls keep the health signal fresh throughout: only MQTT can make the row stale.
    const health = async (at: number) => view.onCommitted(await inventory.commit([healthDraft(serial, at)]));

    // 10 minutes of feedback every 10 s: the cadence is learned.
    let at = T0;
    for (let i = 0; i < 60; i += 1) reading((at = T0 + i * 10_000));
    // The broker goes down for 10 minutes (the silence is ours), then comes back.
    linkUpSince = undefined;
    now = at + 10 * MIN;
    linkUpSince = now;
    at = now;
    // Feedback resumes every 10 s for 2 minutes, as before the outage.
    for (let i = 1; i <= 12; i += 1) reading((at += 10_000));
    await health(at);
    // Then the controller goes silent for 2 minutes: twelve of its 10 s periods.
    now = at + 2 * MIN;
    await health(now);
    expect(row()).toMatchObject({ health: 'stale', overdue: 'mqtt' });
    view.stop();
    await inventory.close();
  });
});

describe('the learned feedback cadence', () => {
  it('is not pulled down by the quick answers to a burst of commands', () => {
    const learner = new PeriodLearner(() => Infinity, FEEDBACK_LEARNING);
    let at = 0;
    for (let i = 0; i < 6; i += 1) learner.observe('S', (at += 10_000));
    // Twenty commands in a minute, each answered within a second, between the periodic messages.
    for (let i = 0; i < 20; i += 1) learner.observe('S', (at += i % 2 === 0 ? 800 : 2_200));
    // An ordinary 10 s gap then still sits well within three learned periods.
    expect(3 * (learner.learnedMs('S') ?? 0)).toBeGreaterThan(10_000);
    // Whereas equal weights would call that gap silence.
    const steady = new PeriodLearner(() => Infinity);
    at = 0;
    for (let i = 0; i < 6; i += 1) steady.observe('S', (at += 10_000));
    for (let i = 0; i < 20; i += 1) steady.observe('S', (at += i % 2 === 0 ? 800 : 2_200));
    expect(3 * (steady.learnedMs('S') ?? 0)).toBeLessThan(10_000);
  });

  it('does not learn from a gap after which the installation was stale, unless three come in a row', () => {
    const learner = new PeriodLearner(() => Infinity, FEEDBACK_LEARNING);
    let at = 0;
    for (let i = 0; i < 6; i += 1) learner.observe('S', (at += 10_000));
    const staleAfter = () => 3 * (learner.learnedMs('S') ?? Infinity);
    // One silence of 5 minutes (stale after 30 s): an outage, not the cadence.
    learner.observe('S', (at += 5 * MIN), staleAfter());
    learner.observe('S', (at += 10_000), staleAfter());
    expect(learner.learnedMs('S')).toBe(10_000);
    // The controller now reports every minute: from the third such gap on, that is its cadence.
    for (let i = 0; i < 3; i += 1) learner.observe('S', (at += MIN), staleAfter());
    expect(learner.learnedMs('S')).toBeGreaterThan(10_000);
    for (let i = 0; i < 10; i += 1) learner.observe('S', (at += MIN), staleAfter());
    expect(3 * (learner.learnedMs('S') ?? 0)).toBeGreaterThan(MIN);
  });
});
