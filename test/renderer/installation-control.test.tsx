import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandRow } from '../../shared/contract/control-methods';
import type { LeaseView } from '../../shared/domain/control/lease';
import { createFakeApi, type FakeApiOptions } from './fake-api';
import { commandRow, installationView, leaseView } from './fixtures';
import { renderApp } from './render-app';

/** A time as the control section writes it: 04:29:10. */
const clock = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour12: false });

/** The fixtures' installation. */
const SERIAL = 'SG1-0001';

const lease = (overrides: Partial<LeaseView> = {}) =>
  leaseView({
    fallbackS: 300,
    refreshEveryMs: 100_000,
    refreshes: 3,
    lapsesAt: Date.now() + 290_000,
    ...overrides,
  });
const command = (overrides: Partial<CommandRow>) =>
  commandRow({ state: 'confirmed', detail: 'response code 0', createdAt: Date.now() - 60_000, ...overrides });

async function openControlSection(options: FakeApiOptions = {}) {
  window.location.hash = `#/installation/${SERIAL}`;
  const fake = createFakeApi({ installations: [installationView()], ...options });
  await renderApp(fake);
  const section = await screen.findByRole('region', { name: 'Control' });
  await within(section).findByTestId('control-state');
  return { fake, section };
}

describe('the installation page’s control section', () => {
  it('says the site is on local control when Fleetdesk holds nothing there', async () => {
    const { section } = await openControlSection();
    expect(within(section).getByTestId('control-state').textContent).toContain('Local control');
    expect(within(section).queryByRole('button', { name: 'Release to local control' })).toBeNull();
    expect(within(section).getByText(/No commands sent to it since Fleetdesk started/)).toBeTruthy();
  });

  it('shows the lease Fleetdesk holds, until when, and only this installation’s commands', async () => {
    const { section } = await openControlSection({
      control: {
        leases: [lease(), lease({ serial: 'SG1-0002' })],
        commands: [command({}), command({ commandId: 'c2', serial: 'SG1-0002', state: 'rejected' })],
      },
    });
    const words = within(section).getByTestId('control-state').textContent;
    expect(words).toContain('Held by Fleetdesk');
    expect(words).toContain('storage; refreshed every 100 s (3 so far, fallback 300 s)');
    expect(words).toContain('without a refresh it returns to local control in 5 min.');
    const rows = within(section).getAllByTestId('command-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('confirmed');
  });

  it('after a release says it still follows the last command until its fallback timeout, not local', async () => {
    const lapsesAt = Date.now() + 48_000;
    const { fake, section } = await openControlSection({ control: { leases: [lease({ lapsesAt })] } });
    fireEvent.click(within(section).getByRole('button', { name: 'Release to local control' }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'control.release').map((c) => c.request)).toEqual([
        { serial: SERIAL },
      ]),
    );
    await waitFor(() =>
      expect(within(section).getByTestId('control-state').textContent).toContain('Releasing'),
    );
    const words = within(section).getByTestId('control-state').textContent;
    expect(words).toContain('the controller keeps the last command until its fallback timeout');
    expect(words).toMatch(new RegExp(`returns to local control by ${clock(lapsesAt)} \\(in 4[78] s\\)`));
    expect(words).not.toContain('Local control');
    // Nothing is left to release.
    expect(within(section).queryByRole('button', { name: 'Release to local control' })).toBeNull();
  });

  it('shows an unheld command as in force, not refreshed, until it returns to local control', async () => {
    const lapsesAt = Date.now() + 30_000;
    const { section } = await openControlSection({
      control: { leases: [lease({ held: false, status: 'unheld', refreshes: 0, lapsesAt })] },
    });
    const words = within(section).getByTestId('control-state').textContent;
    expect(words).toContain('Command in force');
    expect(words).toContain('not held, so not refreshed');
    expect(words).not.toContain('refreshed every');
    expect(words).toMatch(new RegExp(`returns to local control by ${clock(lapsesAt)} \\(in (29|30) s\\)`));
  });

  it('warns when the link is down that the held lease lapses, and when', async () => {
    const { section } = await openControlSection({
      control: { link: { state: 'reconnecting' }, leases: [lease()] },
    });
    expect(within(section).getByRole('alert').textContent).toContain(
      'The broker link is down: no refresh can reach it, so it returns to local control in 5 min',
    );
  });

  it('links to the Control page with this installation picked as the target', async () => {
    const { section } = await openControlSection();
    const link = within(section).getByRole('link', { name: 'Send a command…' });
    expect(link.getAttribute('href')).toBe(`#/control/${SERIAL}`);
  });
});
