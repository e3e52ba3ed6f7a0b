/**
 * The installation page reads its installation's fleet row at every refetch (once a second while
 * the fleet changes). With the whole fleet marked for refresh (every 15 s sweep), that read must
 * recompute its own row only: refreshing every dirty row did the sliced flush's whole work in one
 * turn (10,000 rows, the listener and every page waiting) and copied the whole fleet for one row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { installationView } from '../../electron/core/fleet/installation-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the installation page on a large fleet', () => {
  it("shows its installation's fresh health while recomputing only that row", async () => {
    const dir = tempDir('fleetdesk-installation-read-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), 1000 + i)])),
    );
    // Rows the fleet view recomputes: each is one read of an installation.
    let rowsComputed = 0;
    const counted = Object.create(inventory) as typeof inventory;
    counted.getInstallation = (serial) => {
      rowsComputed += 1;
      return inventory.getInstallation(serial);
    };
    const fleet = new FleetView({
      inventory: counted,
      settings: () => DEFAULT_SETTINGS,
      clock,
      events: new CoreEvents(),
    });
    // Every installation reports an error: every row is due for a refresh, none sent yet.
    fleet.onCommitted(
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          inventory.commit([healthDraft(serialOf(i), Date.now(), 'error')]).then((e) => e[0]!),
        ),
      ),
    );
    rowsComputed = 0;

    const view = await installationView(inventory, fleet, serialOf(7));
    expect(view.health).toBe('error');
    expect(rowsComputed).toBe(1);
    fleet.stop();
    await inventory.close();
  });
});
