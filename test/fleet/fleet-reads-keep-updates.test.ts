/**
 * Reads of the fleet (an installation page, a CSV export's health column, fleet.list from another
 * window) recompute the rows marked changed since the last batch. Whatever they recompute must
 * still go out with the next fleet.changed, or the Fleet table never learns of it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { installationView } from '../../electron/core/fleet/installation-view';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dataDir = tempDirsPerTest('fleetdesk-fleet-reads-');

type Reading = {
  at: number;
  values: { storageW: number | null; solarW: number | null; socPct: number | null };
};

/** Two onboarded installations, a fleet view over them, and every row it pushes. */
async function twoInstallations(clock?: (system: Clock) => Clock) {
  const { inventory, clock: system } = await openInventory(dataDir());
  for (const serial of [serialOf(0), serialOf(1)])
    await inventory.commit([onboardingDraft(serial, Date.now() - 1000)]);
  const events = new CoreEvents();
  const pushed: FleetRow[] = [];
  events.on('fleet.changed', (change) => pushed.push(...change.upserts));
  const readings = new Map<string, Reading>();
  const view = new FleetView({
    inventory,
    settings: () => DEFAULT_SETTINGS,
    clock: clock?.(system) ?? system,
    events,
    live: (serial) => readings.get(serial),
  });
  const stop = async () => {
    view.stop();
    await inventory.close();
  };
  return { inventory, view, pushed, readings, stop };
}

const pushedOf = (pushed: FleetRow[], serial: string) => pushed.filter((r) => r.serial === serial);

describe('a fleet read between a change and its batch', () => {
  it('still sends the new reading to the Fleet table when an installation page loads meanwhile', async () => {
    const { inventory, view, pushed, readings, stop } = await twoInstallations();
    readings.set(serialOf(1), { at: Date.now(), values: { storageW: 2500, solarW: 0, socPct: 81 } });
    view.touch(serialOf(1));
    // Another installation's page loads before the 250 ms batch goes out.
    await installationView(inventory, view, serialOf(0));
    await vi.waitFor(() => expect(pushedOf(pushed, serialOf(1)).map((r) => r.socPct)).toContain(81), {
      timeout: 1500,
    });
    await stop();
  });

  it('still sends the new reading when a CSV export asks for health meanwhile', async () => {
    const { view, pushed, readings, stop } = await twoInstallations();
    readings.set(serialOf(1), { at: Date.now(), values: { storageW: -1200, solarW: 300, socPct: 42 } });
    view.touch(serialOf(1));
    // data.exportCsv asks the fleet for the health of every installation (services.ts healthOf).
    view.health(serialOf(0));
    await vi.waitFor(() => expect(pushedOf(pushed, serialOf(1)).map((r) => r.socPct)).toContain(42), {
      timeout: 1500,
    });
    await stop();
  });

  it('sends a row once, with the change, when a read came first', async () => {
    const { view, pushed, readings, stop } = await twoInstallations();
    readings.set(serialOf(1), { at: Date.now(), values: { storageW: 100, solarW: 0, socPct: 12 } });
    view.touch(serialOf(1));
    expect(view.list().rows.find((r) => r.serial === serialOf(1))?.socPct).toBe(12);
    await vi.waitFor(() => expect(pushedOf(pushed, serialOf(1))).toHaveLength(1), { timeout: 1500 });
    // The next batch, made by another installation's change, does not repeat it.
    readings.set(serialOf(0), { at: Date.now(), values: { storageW: 50, solarW: 0, socPct: 60 } });
    view.touch(serialOf(0));
    await vi.waitFor(() => expect(pushedOf(pushed, serialOf(0))).toHaveLength(1), { timeout: 1500 });
    expect(pushed.map((r) => r.serial)).toEqual([serialOf(1), serialOf(0)]);
    await stop();
  });
});

describe('a controller that goes silent while exports and pages read the fleet', () => {
  it('shows as stale in the Fleet table all the same', async () => {
    const t0 = Date.now();
    let now = t0;
    const readers: { view?: FleetView } = {};
    // The sweep every 15 s, at 1/100 of real time; each sweep's batch window sees a read of the
    // fleet (an export's health, a page's list) before its 250 ms flush.
    const fast = (system: Clock): Clock => ({
      now: () => now,
      setTimeout: (fn, ms) =>
        system.setTimeout(() => {
          fn();
          if (ms === 15_000) readers.view?.health(serialOf(0));
        }, ms / 100),
      clearTimeout: (handle) => system.clearTimeout(handle),
    });
    const scene = await twoInstallations(fast);
    const view = (readers.view = scene.view);
    view.onCommitted(await scene.inventory.commit([healthDraft(serialOf(0), t0, 'ok')]));
    expect(view.list().rows.find((r) => r.serial === serialOf(0))?.health).toBe('ok');
    // Silent for 20 minutes: more than 3 periods of 5 minutes.
    now = t0 + 20 * 60_000;
    await vi.waitFor(
      () => expect(pushedOf(scene.pushed, serialOf(0)).map((r) => r.health)).toContain('stale'),
      { timeout: 5000 },
    );
    await scene.stop();
  });
});
