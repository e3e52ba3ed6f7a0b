import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApiOptions } from './fake-api';
import { commandRow, countersOf, fleetRow, leaseView } from './fixtures';
import { renderApp } from './render-app';
import { formatClock } from '../../renderer/src/features/control/control-words';
import { DEFAULT_PROFILE } from '../../shared/protocol/profile';
import { fail } from '../../shared/contract';

const callsOf = (fake: ReturnType<typeof createFakeApi>, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);

const FLEET = [
  fleetRow({ serial: 'SG1-0001' }),
  fleetRow({ serial: 'SG1-0002' }),
  fleetRow({ serial: 'SG1-0003', onboarding: 'pending' }),
];

const lease = (serial: string, lapsesAt: number) => leaseView({ serial, lapsesAt });
const command = commandRow;

async function openControl(options: FakeApiOptions = {}) {
  window.location.hash = '#/control';
  const fake = createFakeApi({ fleet: FLEET, ...options });
  await renderApp(fake);
  await screen.findByRole('region', { name: 'Broker link' });
  return fake;
}

/** All linked targets, storage on setpoint 3000 W. */
async function composeStorage() {
  fireEvent.click(await screen.findByRole('button', { name: 'All linked installations' }));
  fireEvent.click(screen.getByLabelText('Include storage'));
  fireEvent.change(screen.getByLabelText('Storage policy'), { target: { value: 'setpoint' } });
  fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '3000' } });
}
const sendButton = () => screen.getByRole('button', { name: /^Send to/ }) as HTMLButtonElement;
const preview = async () => {
  fireEvent.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
  return screen.findByRole('table', { name: 'Dry-run per target' });
};

describe('control page', () => {
  it('shows the connected link in words and disconnects', async () => {
    const fake = await openControl();
    const summary = screen.getByTestId('link-summary').textContent;
    expect(summary).toContain('Connected to mqtt://broker.test:1883');
    expect(summary).toContain('MQTT v5');
    expect(summary).toContain('14 ms latency');
    expect(summary).toContain('subscriptions 3/3 confirmed');
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await screen.findByLabelText(/Broker URL/);
    expect(callsOf(fake, 'broker.disconnect')).toHaveLength(1);
  });

  it('asks before disconnecting while installations are held, saying when the first lapses', async () => {
    const lapse = Date.now() + 40_000;
    const fake = await openControl({
      control: { leases: [lease('SG1-0001', lapse), lease('SG1-0002', lapse + 10_000)] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect from the broker?' });
    expect(dialog.textContent).toContain('Fleetdesk holds 2 installations');
    expect(dialog.textContent).toContain(`the first at about ${formatClock(lapse)}`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf(fake, 'broker.disconnect')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect anyway' }));
    await screen.findByLabelText(/Broker URL/);
    expect(callsOf(fake, 'broker.disconnect')).toHaveLength(1);
  });

  it('after a disconnect shows the last error as history, not as an alarm', async () => {
    await openControl({ control: { link: { lastError: 'connection refused' } } });
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await screen.findByLabelText(/Broker URL/);
    const past = screen.getByTestId('link-last-error');
    expect(past.textContent).toBe('Before the disconnect: connection refused');
  });

  it('shows an error from before the current connection as history, not as an alarm', async () => {
    const fallback = 'the broker does not speak this MQTT version; trying MQTT 3.1.1';
    await openControl({ control: { link: { lastError: fallback } } });
    const past = screen.getByTestId('link-last-error');
    expect(past.textContent).toBe(`Before this connection: ${fallback}`);
    expect(past.textContent).not.toContain('Last error');
  });

  it('shows the last error as such while the link is down', async () => {
    await openControl({ control: { link: { state: 'reconnecting', lastError: 'connection refused' } } });
    expect(screen.getByTestId('link-last-error').textContent).toBe('Last error: connection refused');
  });

  it('names every asset group to include, abbreviations kept', async () => {
    await openControl();
    for (const name of ['Include storage', 'Include solar', 'Include EV', 'Include HVAC'])
      expect(screen.getByLabelText(name)).toBeTruthy();
  });

  it('starts with the installation picked when opened from its page', async () => {
    window.location.hash = '#/control/SG1-0002';
    await renderApp(createFakeApi({ fleet: FLEET }));
    await screen.findByRole('region', { name: 'Broker link' });
    expect(await screen.findByText('1 target selected')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Include storage'));
    const table = await preview();
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(expect.arrayContaining([expect.stringContaining('SG1-0002')]));
    expect(table.textContent).not.toContain('SG1-0001');
  });

  it('connects with the form when the link is down', async () => {
    const fake = await openControl({ control: { link: { state: 'stopped', url: null } } });
    fireEvent.change(screen.getByLabelText(/Broker URL/), { target: { value: 'mqtt://h:1883' } });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ops' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByRole('button', { name: 'Disconnect' });
    expect(callsOf(fake, 'broker.connect')).toEqual([
      { url: 'mqtt://h:1883', username: 'ops', password: 's3cret' },
    ]);
  });

  it('banners the at-risk leases when the link is down', async () => {
    const at = Date.now() + 120_000;
    await openControl({
      control: {
        link: { state: 'reconnecting' },
        atRisk: [{ ...lease('SG1-0001', at), lapsesAt: at, inMs: 120_000 }],
      },
    });
    // The shell's banner, shown once: the page has none of its own.
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('1 installation lapses to local control');
    expect(banner.textContent).toContain('SG1-0001');
    expect(banner.textContent).toContain('in 2 min');
  });

  it('previews topic, payload and errors; Send waits for a dry-run of the current inputs', async () => {
    const fake = await openControl({ control: { badSerials: ['SG1-0002'] } });
    await composeStorage();
    expect(screen.getByTestId('target-count').textContent).toBe('2 targets selected');
    expect(sendButton().disabled).toBe(true);
    const table = await preview();
    expect(table.textContent).toContain('smartgridone/SG1-0001/command');
    expect(table.textContent).toContain('{"storage":{"policy":"setpoint","setpointW":3000}}');
    expect(table.textContent).toContain('storage setpoint exceeds the site limit');
    // The preview says which parts of the payload are stamped at send time, not frozen now.
    expect(screen.getByTestId('dry-run-stamps').textContent).toMatch(
      /fresh command id in place of .dry-run./,
    );
    expect(callsOf(fake, 'control.dryRun')).toEqual([
      {
        serials: ['SG1-0001', 'SG1-0002'],
        command: { storage: { policy: 'setpoint', setpointW: 3000 } },
        hold: true,
      },
    ]);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'peak' } });
    expect(sendButton().disabled).toBe(false);
    fireEvent.click(screen.getByRole('switch', { name: /Hold control/ }));
    expect(sendButton().disabled).toBe(true);
  });

  it('keeps the target list in place while health re-sorts the fleet, adding newcomers at the end', async () => {
    const fake = await openControl();
    const targets = await screen.findByRole('region', { name: 'Targets' });
    const order = () =>
      within(targets)
        .getAllByTestId('picker-row')
        .map((row) => within(row).getByRole('checkbox').getAttribute('aria-label') ?? '');
    await waitFor(() => expect(order()).toHaveLength(3));
    const first = order();
    const [top = '', second = '', last = ''] = first;
    fireEvent.click(screen.getByLabelText(top));
    // The last one turns worst and a new installation arrives: the fleet puts both first.
    const serialOfLast = last.replace('Select ', '');
    const worse = fleetRow({
      ...FLEET.find((r) => r.serial === serialOfLast),
      health: 'error',
      errorCount: 3,
    });
    const added = fleetRow({ serial: 'SG1-0000', health: 'error', errorCount: 2 });
    act(() =>
      fake.emit('fleet.changed', { upserts: [added, worse], counters: countersOf([...FLEET, added]) }),
    );
    await waitFor(() => expect(order()).toHaveLength(4));
    expect(order()).toEqual([...first, 'Select SG1-0000']);
    // The second click lands on the home it was aimed at, not on the first one moved under it.
    fireEvent.click(screen.getByLabelText(second));
    expect(screen.getByTestId('target-count').textContent).toBe('2 targets selected');
  });

  it('asks for the typed number of homes and sends command, hold, reason and typedHomes', async () => {
    // One target is sent at once; more than one go out as a staged rollout (rollout-control.test.tsx).
    const fake = await openControl({ control: { confirmAbove: 0 } });
    await composeStorage();
    fireEvent.click(screen.getByLabelText('Select SG1-0002'));
    await preview();
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'evening peak' } });
    expect(sendButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
      target: { value: '2' },
    });
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText('This command affects 1 home, not 2.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
      target: { value: 'one' },
    });
    expect(screen.getByText('Type the number of homes in digits.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type the number of homes to confirm'), {
      target: { value: '1' },
    });
    fireEvent.click(sendButton());
    expect((await screen.findByTestId('send-result')).textContent).toMatch(/Sent to 1 installation(?!s)/);
    expect(callsOf(fake, 'control.send')).toEqual([
      {
        serials: ['SG1-0001'],
        command: { storage: { policy: 'setpoint', setpointW: 3000 } },
        hold: true,
        reason: 'evening peak',
        typedHomes: 1,
      },
    ]);
    await waitFor(() => expect(screen.getAllByTestId('command-row')).toHaveLength(1));
    // The list says what was asked, not only of which group.
    expect(screen.getByTestId('command-row').textContent).toContain('storage setpoint 3000 W (held)');
  });

  it('lists commands newest first with their states', async () => {
    await openControl({
      control: {
        commands: [
          command({ commandId: 'a', state: 'confirmed', createdAt: Date.now() - 5000 }),
          command({
            commandId: 'b',
            serial: 'SG1-0002',
            state: 'rejected',
            detail: 'unknown policy',
            createdAt: Date.now() - 1000,
          }),
        ],
      },
    });
    const rows = screen.getAllByTestId('command-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('rejected'),
      expect.stringContaining('confirmed'),
    ]);
    expect(rows[0]?.textContent).toContain('unknown policy');
  });

  it('releases all leases after a confirmation', async () => {
    const last = Date.now() + 90_000;
    const fake = await openControl({
      control: { leases: [lease('SG1-0001', Date.now() + 60_000), lease('SG1-0002', last)] },
    });
    expect(screen.getAllByTestId('lease-row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Release all' }));
    const dialog = await screen.findByRole('dialog');
    expect(callsOf(fake, 'control.release')).toEqual([]);
    // What really happens: the refreshes stop; each controller goes back at its fallback timeout.
    // The kill switch stops rollouts too (the core aborts them first).
    expect(dialog.textContent).toContain(
      `Any rollout still running is aborted first, so no further batch starts. Fleetdesk stops refreshing the 2 held installations now; each returns to local control when its fallback timeout runs out (the last by ${formatClock(last)}).`,
    );
    // More than one installation: a reason first, journaled with each release.
    const confirm = within(dialog).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'storm warning' } });
    fireEvent.click(confirm);
    // Still listed until their fallback timeout: the controllers keep the last command till then.
    await waitFor(() =>
      expect(screen.getAllByTestId('lease-row').map((r) => r.textContent)).toEqual([
        expect.stringContaining('Releasing'),
        expect.stringContaining('Releasing'),
      ]),
    );
    expect(callsOf(fake, 'control.release')).toEqual([{ serial: 'all', reason: 'storm warning' }]);
    expect(screen.getByRole('button', { name: 'Release all' })).toHaveProperty('disabled', true);
  });

  it('counts a command not yet in a lease in Release all, as the core does, and asks for its reason', async () => {
    // The core's release('all') stops every serial with a lease in force or a draft: 2 here, so it
    // refuses without a reason, though only one lease is listed.
    const fake = await openControl({
      control: {
        leases: [lease('SG1-0001', Date.now() + 60_000)],
        commands: [command({ commandId: 'c2', serial: 'SG1-0002', state: 'draft' })],
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Release all' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Fleetdesk stops refreshing the 2 held installations now');
    const confirm = within(dialog).getByRole('button', { name: 'Release all' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'storm warning' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf(fake, 'control.release')).toEqual([{ serial: 'all', reason: 'storm warning' }]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Release all' })).toHaveProperty('disabled', true),
    );
  });

  it('shows a refused Release all inside its dialog, and forgets it on Cancel', async () => {
    window.location.hash = '#/control';
    const fake = createFakeApi({
      fleet: FLEET,
      control: { leases: [lease('SG1-0001', Date.now() + 60_000)] },
    });
    const control = {
      ...fake.api.control,
      release: async () => fail('unavailable', 'The core could not release.'),
    };
    await renderApp({ ...fake, api: { ...fake.api, control } });
    fireEvent.click(await screen.findByRole('button', { name: 'Release all' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Release all' }));
    // Nothing was released, so the dialog stays open: the refusal must be readable in it.
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe('The core could not release.'),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when each lease returns to local control, ahead, and claims no refresh it does not make', async () => {
    const at = Date.now() + 48_000;
    await openControl({
      control: {
        leases: [
          leaseView({ serial: 'SG1-0001', lapsesAt: at }),
          leaseView({ serial: 'SG1-0002', lapsesAt: at, held: false, status: 'unheld', refreshes: 0 }),
          leaseView({ serial: 'SG1-0003', lapsesAt: at, held: false, status: 'releasing' }),
        ],
      },
    });
    const [held, unheld, releasing] = screen.getAllByTestId('lease-row').map((r) => r.textContent ?? '');
    const hhmmss = new Date(at).toLocaleTimeString('en-GB', { hour12: false });
    expect(held).toMatch(/without a refresh, in 4[78] s/);
    expect(held).toContain('(every 20 s)');
    expect(unheld).toMatch(new RegExp(`Not held.*by ${hhmmss} \\(in 4[78] s\\)`));
    expect(unheld).toContain('none: sent without holding');
    expect(unheld).not.toContain('every');
    expect(releasing).toMatch(new RegExp(`Releasing.*by ${hhmmss} \\(in 4[78] s\\)`));
    expect(releasing).not.toContain('ago');
    expect(
      screen.getAllByRole('button', { name: /^Release SG1-/ }).map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Release SG1-0001', 'Release SG1-0002']);
  });
  it("offers the saved protocol profile's policies, not the default ones, and sends them", async () => {
    const storage = {
      ...DEFAULT_PROFILE.groups.storage,
      policies: ['auto', 'force'],
      setpointPolicies: ['force'],
    };
    const profile = { ...DEFAULT_PROFILE, groups: { ...DEFAULT_PROFILE.groups, storage } };
    const fake = await openControl({ settings: { protocolProfile: profile } });
    fireEvent.click(await screen.findByRole('button', { name: 'All linked installations' }));
    fireEvent.click(screen.getByLabelText('Include storage'));
    const select = screen.getByLabelText('Storage policy') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['auto', 'force']);
    fireEvent.change(select, { target: { value: 'force' } });
    fireEvent.change(screen.getByLabelText('Storage setpoint (W)'), { target: { value: '1500' } });
    await preview();
    expect(callsOf(fake, 'control.dryRun')).toEqual([
      expect.objectContaining({ command: { storage: { policy: 'force', setpointW: 1500 } } }),
    ]);
  });
});
