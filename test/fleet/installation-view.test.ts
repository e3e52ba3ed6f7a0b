import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { installationView } from '../../electron/core/fleet/installation-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { openWithHeldHistory, RECALLED, withOldAndNewCalls } from '../inventory/fixtures/held-history';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('the installation page right after a start', () => {
  it('shows the entries indexed so far at once, says so, and shows the whole timeline once indexing is done', async () => {
    const d = tempDir();
    dirs.push(d);
    await withOldAndNewCalls(d.path);
    const { inventory, clock, release } = await openWithHeldHistory(d.path);
    const fleet = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock,
      events: new CoreEvents(),
    });
    const times = (view: Awaited<ReturnType<typeof installationView>>) => view.timeline.map((t) => t.at);

    const early = await installationView(inventory, fleet, RECALLED);
    expect(times(early)).toEqual([9_000]);
    expect(early).toMatchObject({ timelineTotal: 1, timelineComplete: false });

    release();
    await inventory.allProblems(); // resolves once the older segments are indexed
    const whole = await installationView(inventory, fleet, RECALLED);
    expect(times(whole)).toEqual([9_000, 1_000]);
    expect(whole).toMatchObject({ timelineTotal: 2, timelineComplete: true });
    fleet.stop();
    await inventory.close();
  });
});
