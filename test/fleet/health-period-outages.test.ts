import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import type { Clock } from '../../electron/core/clock';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const MIN = 60_000;
const HOUR = 60 * MIN;
const MORNING = Date.UTC(2026, 10, 27, 7, 0, 0);

describe('the learned health period across a night the desk was closed', () => {
  it('does not learn the hours Fleetdesk was not running as the controller cadence', async () => {
    const dir = tempDir('fleetdesk-period-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const serial = 'SG1-0042';
    // Yesterday: onboarded, a health call every 5 minutes until the operator closed the app at 17:00.
    const evening = MORNING - 14 * HOUR;
    await inventory.commit([onboardingDraft(serial, evening - 60 * MIN)]);
    for (let at = evening - 55 * MIN; at <= evening; at += 5 * MIN)
      await inventory.commit([healthDraft(serial, at)]);

    // This morning the desk starts again (a new fleet view over the stored data).
    let now = MORNING;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS, // 5-minute period, stale after 3 missed
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
    });
    // The controller goes on calling every 5 minutes, as it did all night, for 20 minutes...
    let last = MORNING;
    for (let at = MORNING; at <= MORNING + 20 * MIN; at += 5 * MIN) {
      now = last = at;
      view.onCommitted(await inventory.commit([healthDraft(serial, at)]));
    }
    // ...then stops. After 3 missed 5-minute periods (and well past an hour) it must show stale.
    now = last + 60 * MIN;
    view.touch(serial); // as the periodic sweep does
    const row = view.list().rows.find((r) => r.serial === serial);
    expect(row).toMatchObject({ health: 'stale', overdue: 'health' });
    view.stop();
    await inventory.close();
  });
});

describe('the learned health period after an outage of the controller', () => {
  it('is not stretched by the outage, so a second silence soon after is stale again', async () => {
    const dir = tempDir('fleetdesk-period-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const serial = 'SG1-0043';
    let now = MORNING;
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock: { ...clock, now: () => now } satisfies Clock,
      events: new CoreEvents(),
    });
    const call = async (at: number) => {
      now = at;
      view.onCommitted(await inventory.commit([healthDraft(serial, at)]));
    };
    await inventory.commit([onboardingDraft(serial, MORNING)]);
    for (let i = 0; i < 10; i += 1) await call(MORNING + i * 5 * MIN); // cadence learned: 5 minutes
    // The customer's internet is down for a day; the controller is back for half an hour, then stops.
    const back = MORNING + 9 * 5 * MIN + 24 * HOUR;
    for (let i = 0; i <= 6; i += 1) await call(back + i * 5 * MIN);
    now = back + 6 * 5 * MIN + 2 * HOUR;
    view.touch(serial);
    expect(view.list().rows.find((r) => r.serial === serial)).toMatchObject({ health: 'stale' });
    view.stop();
    await inventory.close();
  });
});
