/**
 * The installation page fetches again when a restore replaces every row. A restored backup that
 * does not hold the installation answers with not-found: the page says so instead of going on
 * showing the replaced data as current (every action on it would fail "not found"). A passing
 * failure of the fetch still keeps what was shown.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { countersOf, fleetRow, installationView } from './fixtures';
import { renderApp } from './render-app';

async function openInstallation() {
  const view = installationView({ health: 'ok', overdue: null });
  const serial = view.installation.serial;
  window.location.hash = `#/installation/${serial}`;
  const fake = createFakeApi({ installations: [view] });
  await renderApp(fake);
  await screen.findByRole('region', { name: 'Health' });
  expect(document.body.textContent).toContain('Linked to contract C-1001.');
  const fetches = () => fake.calls.filter((c) => c.method === 'installation.get').length;
  /** A restore replaced every row of the fleet (maybe from another window). */
  const restored = () => {
    const other = fleetRow({ serial: 'SG1-9999' });
    act(() => fake.emit('fleet.changed', { upserts: [other], counters: countersOf([other]), reset: true }));
  };
  return { fake, serial, fetches, restored };
}

describe('installation page after a restore', () => {
  it('says there is no such installation once a restore removed it', async () => {
    const { fake, serial, fetches, restored } = await openInstallation();
    const before = fetches();
    fake.state.inventory.installations.delete(serial);
    restored();
    await waitFor(() => expect(fetches()).toBeGreaterThan(before));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain(`No installation ${serial}`);
    expect(notice.textContent).toContain('a restored backup does not hold it');
    expect(document.body.textContent).not.toContain('Linked to contract C-1001.');
    expect(screen.queryByRole('region', { name: 'Health' })).toBeNull();
  }, 20_000);

  it('keeps showing the installation when the fetch after the restore fails for a while', async () => {
    const { fake, fetches, restored } = await openInstallation();
    const before = fetches();
    fake.failNext('installation.get', { code: 'unavailable', message: 'The core is busy.' });
    restored();
    await waitFor(() => expect(fetches()).toBeGreaterThan(before));
    // Let the failed answer arrive and render.
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(document.body.textContent).toContain('Linked to contract C-1001.');
    expect(screen.queryByRole('alert')).toBeNull();
  }, 20_000);
});
