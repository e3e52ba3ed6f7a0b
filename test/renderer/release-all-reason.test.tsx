import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail } from '../../shared/contract';
import { createFakeApi } from './fake-api';
import { fleetRow, leaseView } from './fixtures';
import { renderApp } from './render-app';

/** Whole-page flows on a shared 2-core machine: generous, since other suites run at the same time. */
const SLOW = 30_000;

const serial = (i: number) => `SG1-${String(i + 1).padStart(4, '0')}`;
const FLEET = Array.from({ length: 10 }, (_, i) => fleetRow({ serial: serial(i) }));
const held = (serials: readonly string[], lapsesAt: number) =>
  serials.map((s) => leaseView({ serial: s, lapsesAt }));

const releasesOf = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((c) => c.method === 'control.release').map((c) => c.request);

/** Opens the Leases' Release all dialog (once the button is enabled). */
async function openReleaseAll(leases: HTMLElement) {
  const button = () => within(leases).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
  await waitFor(() => expect(button().disabled).toBe(false));
  fireEvent.click(button());
  const dialog = await screen.findByRole('dialog', { name: 'Release all installations?' });
  const reason = within(dialog).getByLabelText(/Reason/) as HTMLInputElement;
  const confirm = within(dialog).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
  return { dialog, reason, confirm };
}

describe('the reason of a Release all of the leases', () => {
  it(
    'is asked afresh each time, never the last one',
    async () => {
      window.location.hash = '#/control';
      const at = Date.now() + 120_000;
      const fake = createFakeApi({
        fleet: FLEET,
        control: { leases: held([serial(0), serial(1), serial(2)], at) },
      });
      await renderApp(fake);
      const leases = await screen.findByRole('region', { name: 'Leases' });
      let asked = await openReleaseAll(leases);
      fireEvent.change(asked.reason, { target: { value: 'storm warning' } });
      fireEvent.click(asked.confirm);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(releasesOf(fake)).toEqual([{ serial: 'all', reason: 'storm warning' }]);

      // Later that evening other installations are held again (a new command).
      fake.state.control.leases.push(...held([serial(5), serial(6)], at + 60_000));
      fake.emit('control.changed', { at: Date.now() });
      asked = await openReleaseAll(leases);
      // A new kill switch is explained afresh: the journal would otherwise record the old reason.
      expect(asked.reason.value).toBe('');
      expect(asked.confirm.disabled).toBe(true);
    },
    SLOW,
  );

  it(
    'stays typed after a refusal, for the next try, and is gone once cancelled',
    async () => {
      window.location.hash = '#/control';
      const fake = createFakeApi({
        fleet: FLEET,
        control: { leases: held([serial(0), serial(1)], Date.now() + 120_000) },
      });
      const control = {
        ...fake.api.control,
        release: async () => fail('unavailable', 'The core could not release.'),
      };
      await renderApp({ ...fake, api: { ...fake.api, control } });
      const leases = await screen.findByRole('region', { name: 'Leases' });
      let asked = await openReleaseAll(leases);
      fireEvent.change(asked.reason, { target: { value: 'storm warning' } });
      fireEvent.click(asked.confirm);
      await waitFor(() =>
        expect(within(asked.dialog).getByRole('alert').textContent).toBe('The core could not release.'),
      );
      expect(asked.reason.value).toBe('storm warning');
      expect(asked.confirm.disabled).toBe(false);

      fireEvent.click(within(asked.dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      asked = await openReleaseAll(leases);
      expect(asked.reason.value).toBe('');
    },
    SLOW,
  );
});
