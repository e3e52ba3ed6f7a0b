/**
 * The installation page shows what the core concludes without writing a journal entry (so without
 * an installation.changed): stale after MQTT silence, the newest feedback, a restore's data. The
 * fleet.changed batches carry those, and the page follows them, a few times a second at most.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FLEET_RELOAD_MS } from '../../renderer/src/features/installation/use-fleet-row-reload';
import { createFakeApi } from './fake-api';
import { countersOf, fleetRow, installationView } from './fixtures';
import { renderApp } from './render-app';

async function openInstallation(view = installationView({ health: 'ok', overdue: null })) {
  window.location.hash = `#/installation/${view.installation.serial}`;
  const fake = createFakeApi({ installations: [view] });
  await renderApp(fake);
  await screen.findByRole('region', { name: 'Health' });
  const serial = view.installation.serial;
  /** The core's next fleet batch, naming `row`. */
  const batch = (row: ReturnType<typeof fleetRow>, reset?: true) =>
    act(() =>
      fake.emit('fleet.changed', { upserts: [row], counters: countersOf([row]), ...(reset && { reset }) }),
    );
  const fetches = () => fake.calls.filter((c) => c.method === 'installation.get').length;
  return { fake, view, serial, batch, fetches };
}

describe('installation page, for what the core concludes without a journal entry', () => {
  it('shows the installation as stale once its MQTT feedback stopped', async () => {
    const { fake, view, serial, batch } = await openInstallation();
    expect(screen.getByRole('region', { name: 'Health' }).textContent).not.toMatch(/stopped coming/);
    // The core's sweep turns it stale: no journal entry, only its fleet row goes out.
    fake.state.inventory.installations.set(serial, { ...view, health: 'stale', overdue: 'mqtt' });
    batch(fleetRow({ serial, health: 'stale', overdue: 'mqtt' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Health' }).textContent).toContain(
        'MQTT feedback has stopped coming',
      ),
    );
  });

  it('shows "Last MQTT feedback" once feedback arrives', async () => {
    const { fake, view, serial, batch } = await openInstallation();
    expect(screen.getByRole('region', { name: 'Identity' }).textContent).not.toContain('Last MQTT feedback');
    // Feedback is live only (journaled at most every 15 minutes): its fleet row goes out.
    const at = Date.now() - 1000;
    fake.state.inventory.installations.set(serial, { ...view, lastFeedbackAt: at });
    batch(fleetRow({ serial, lastSeenAt: at, socPct: 70 }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Identity' }).textContent).toContain('Last MQTT feedback'),
    );
  });

  it('shows the restored data after a backup restore, from this window or another', async () => {
    const { fake, view, serial, batch } = await openInstallation();
    expect(document.body.textContent).toContain('Linked to contract C-1001.');
    // The restored backup has this installation still waiting in the Inbox.
    const onboarding = { state: 'pending' as const, since: view.installation.onboarding.since };
    fake.state.inventory.installations.set(serial, {
      ...view,
      installation: { ...view.installation, onboarding },
    });
    batch(fleetRow({ serial: 'SG1-9999' }), true);
    await waitFor(() => expect(document.body.textContent).toContain('Waiting for an operator to link it'));
  });

  it('fetches again at most once a second however often its row changes, the last change included', async () => {
    const { fake, view, serial, batch, fetches } = await openInstallation();
    const opened = fetches();
    batch(fleetRow({ serial: 'SG1-9999' }));
    expect(fetches()).toBe(opened);
    // A controller answering commands: its row in every batch.
    for (let i = 1; i <= 8; i++) batch(fleetRow({ serial, socPct: i }));
    expect(fetches()).toBe(opened + 1);
    const at = Date.now();
    fake.state.inventory.installations.set(serial, { ...view, lastFeedbackAt: at });
    batch(fleetRow({ serial, lastSeenAt: at }));
    await waitFor(() => expect(fetches()).toBe(opened + 2), { timeout: FLEET_RELOAD_MS * 2 });
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Identity' }).textContent).toContain('Last MQTT feedback'),
    );
  });
});
