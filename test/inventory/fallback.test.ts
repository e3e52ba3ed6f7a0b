import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { commandCreatedDraft, commandOutcomeDraft, onboardingDraft } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const both = { groups: ['storage', 'solar'] as Array<'storage' | 'solar'> };

describe('installations in fallback', () => {
  it('are those whose lease lapsed, per group, until a new command to the group; a release is not one', async () => {
    const dir = tempDir('fleetdesk-fallback-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    await inventory.commit([onboardingDraft('S1', 1), onboardingDraft('S2', 2)]);
    await inventory.commit([commandCreatedDraft('c1', 'S1', 10, both)]);
    await inventory.commit([commandOutcomeDraft('c1', 'S1', 11, 'confirmed')]);
    await inventory.commit([commandOutcomeDraft('c1', 'S1', 70, 'lapsed', 'not refreshed in time')]);
    await inventory.commit([commandCreatedDraft('c2', 'S2', 20)]);
    await inventory.commit([commandOutcomeDraft('c2', 'S2', 21, 'released')]);
    expect(inventory.getInstallation('S1')?.fallbackSince).toEqual({ storage: 70, solar: 70 });
    expect(inventory.getInstallation('S2')?.fallbackSince).toBeUndefined();

    // The fleet shows it, and counts it.
    const events = new CoreEvents();
    const view = new FleetView({ inventory, settings: () => DEFAULT_SETTINGS, clock, events });
    const listed = view.list();
    expect(listed.rows.find((r) => r.serial === 'S1')?.fallbackSince).toBe(70);
    expect(listed.rows.find((r) => r.serial === 'S2')?.fallbackSince).toBeNull();
    expect(listed.counters.inFallback).toBe(1);
    view.stop();

    // A new command to storage ends storage's fallback; solar's stays.
    await inventory.commit([commandCreatedDraft('c3', 'S1', 80)]);
    expect(inventory.getInstallation('S1')?.fallbackSince).toEqual({ solar: 70 });
    await inventory.close();

    // The same after a restart (snapshot and journal replay).
    const again = await openInventory(dir.path);
    expect(again.inventory.getInstallation('S1')?.fallbackSince).toEqual({ solar: 70 });
    await again.inventory.commit([commandCreatedDraft('c4', 'S1', 90, { groups: ['solar'] })]);
    expect(again.inventory.getInstallation('S1')?.fallbackSince).toBeUndefined();
    await again.inventory.close();
  });

  it('is not what a command sent without holding does when it lapses as planned', async () => {
    const dir = tempDir('fleetdesk-fallback-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    await inventory.commit([onboardingDraft('S1', 1)]);
    await inventory.commit([commandCreatedDraft('c1', 'S1', 10, { hold: false })]);
    await inventory.commit([commandOutcomeDraft('c1', 'S1', 11, 'confirmed')]);
    await inventory.commit([
      commandOutcomeDraft('c1', 'S1', 310, 'lapsed', 'returned to local control as planned'),
    ]);
    expect(inventory.getInstallation('S1')?.fallbackSince).toBeUndefined();
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock,
      events: new CoreEvents(),
    });
    expect(view.list().counters.inFallback).toBe(0);
    view.stop();
    await inventory.close();
  });
});
