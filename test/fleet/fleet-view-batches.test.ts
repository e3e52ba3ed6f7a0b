import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('fleet view batches', () => {
  it('sends a change to thousands of rows in bounded batches, every row exactly once', async () => {
    const dir = tempDir('fleetdesk-fleet-view-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const count = 4500;
    await Promise.all(
      Array.from({ length: count }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), 1000 + i)])),
    );
    const events = new CoreEvents();
    const batches: string[][] = [];
    events.on('fleet.changed', (change) => batches.push(change.upserts.map((r) => r.serial)));
    const view = new FleetView({ inventory, settings: () => DEFAULT_SETTINGS, clock, events });
    view.onCommitted(
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          inventory.commit([healthDraft(serialOf(i), Date.now(), 'error')]).then((e) => e[0]!),
        ),
      ),
    );
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(count), { timeout: 20_000 });
    // Bounded work per flush keeps the event loop free for the listener.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2000);
    expect(new Set(batches.flat()).size).toBe(count);
    expect(view.list().rows.filter((r) => r.health === 'error')).toHaveLength(count);
    view.stop();
    await inventory.close();
  });
});
