/**
 * A repeated delivery of a health call (same event key: the controller's retry after a lost 202)
 * has no effect on the inventory, so `lastSeen.health` stays the first delivery's time. Staleness
 * must still be judged in elapsed time from that call after a wall-clock jump.
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
const SERIAL = 'SG1-0078';

async function setup() {
  const dir = tempDir('fleetdesk-health-repeat-');
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
    view.onCommitted(
      await inventory.commit([healthDraft(SERIAL, time.wall, 'ok', `health:${SERIAL}:e${minutes}`)]),
    );
  }
  // The last call is delivered again 5 s later (its 202 was lost): a repeat, no effect.
  time.wall += 5000;
  time.elapsed += 5000;
  const repeat = await inventory.commit([healthDraft(SERIAL, time.wall, 'ok', `health:${SERIAL}:e30`)]);
  expect(inventory.isRepeat(repeat[0]!)).toBe(true);
  view.onCommitted(repeat);
  const healthAfter = (ms: number, wallShiftMs: number) => {
    time.wall += ms + wallShiftMs;
    time.elapsed += ms;
    view.touch(SERIAL);
    return view.list().rows.find((r) => r.serial === SERIAL)?.health;
  };
  const close = async () => {
    view.stop();
    await inventory.close();
  };
  return { healthAfter, close };
}

describe('health staleness after a repeated health delivery and a clock jump', () => {
  it('a controller silent for 30 minutes is stale although the clock was set back an hour', async () => {
    const { healthAfter, close } = await setup();
    expect(healthAfter(30 * MIN, -HOUR), 'health after 30 silent minutes (6 periods)').toBe('stale');
    await close();
  });

  it('a controller that called a minute ago stays ok although the clock was set forward an hour', async () => {
    const { healthAfter, close } = await setup();
    expect(healthAfter(1 * MIN, HOUR), 'health a minute after its last call').toBe('ok');
    await close();
  });
});
