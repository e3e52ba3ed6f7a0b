/**
 * Staleness is "no health call within a few expected periods": elapsed time. A wall clock set back
 * or forward (NTP, the operator fixing the time, a resumed VM) must move neither the stale alarm
 * of a silent controller nor the health of one that calls on time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const SERIAL = 'SG1-0077';

/**
 * A fleet view over a real inventory whose controller called every 5 minutes for half an hour
 * (DEFAULT_SETTINGS: 5-minute period, stale after 3 missed). `wall` and `elapsed` drive the two
 * readings of its clock separately. `lastDeliveredTwice`: its last call comes again 5 s later (a
 * retry after a lost 202: the same event, a repeat without effect).
 */
async function afterHalfAnHourOfCalls({ lastDeliveredTwice = false } = {}) {
  const dir = tempDir('fleetdesk-clock-jump-');
  dirs.push(dir);
  const { inventory, clock } = await openInventory(dir.path);
  const time = { wall: START, elapsed: 0 };
  const view = new FleetView({
    inventory,
    settings: () => DEFAULT_SETTINGS,
    clock: { ...clock, now: () => time.wall, monotonic: () => time.elapsed } satisfies Clock,
    events: new CoreEvents(),
  });
  await inventory.commit([onboardingDraft(SERIAL, START)]);
  for (let minutes = 0; minutes <= 30; minutes += 5) {
    time.wall = START + minutes * MIN;
    time.elapsed = minutes * MIN;
    view.onCommitted(await inventory.commit([healthDraft(SERIAL, time.wall, 'ok', `e${minutes}`)]));
  }
  if (lastDeliveredTwice) {
    time.wall += 5000;
    time.elapsed += 5000;
    const repeat = await inventory.commit([healthDraft(SERIAL, time.wall, 'ok', 'e30')]);
    expect(inventory.isRepeat(repeat[0]!)).toBe(true);
    view.onCommitted(repeat);
  }
  /** The row's health once `ms` of real time passed and the wall clock moved by `wallShiftMs` more. */
  const healthAfter = (ms: number, wallShiftMs: number) => {
    time.wall += ms + wallShiftMs;
    time.elapsed += ms;
    view.touch(SERIAL); // as the periodic sweep does
    return view.list().rows.find((r) => r.serial === SERIAL)?.health;
  };
  const close = async () => {
    view.stop();
    await inventory.close();
  };
  return { healthAfter, close };
}

describe.each([
  ['', false],
  [', its last call delivered twice', true],
])('health staleness when the wall clock jumps%s', (_, lastDeliveredTwice) => {
  it('shows a controller silent for 30 minutes as stale although the clock was set back an hour', async () => {
    const { healthAfter, close } = await afterHalfAnHourOfCalls({ lastDeliveredTwice });
    expect(healthAfter(30 * MIN, -HOUR), 'health after 30 silent minutes (6 periods)').toBe('stale');
    await close();
  });

  it('keeps a controller that called a minute ago ok although the clock was set forward an hour', async () => {
    const { healthAfter, close } = await afterHalfAnHourOfCalls({ lastDeliveredTwice });
    expect(healthAfter(1 * MIN, HOUR), 'health a minute after its last call').toBe('ok');
    await close();
  });
});
