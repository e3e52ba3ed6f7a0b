import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INCOMPLETE_TIMELINE_RETRY_MS } from '../../renderer/src/features/installation/use-installation';
import { createFakeApi } from './fake-api';
import { formatDateTime } from '../../renderer/src/lib/format';
import { T0, installationView } from './fixtures';
import { renderApp } from './render-app';

const callsOf = (fake: ReturnType<typeof createFakeApi>, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);

async function openInstallation(view = installationView()) {
  window.location.hash = `#/installation/${view.installation.serial}`;
  const fake = createFakeApi({ installations: [view] });
  await renderApp(fake);
  await screen.findByRole('region', { name: 'Timeline' });
  return fake;
}

describe('installation page', () => {
  it('says that entries up to the archive point are in the journal archive', async () => {
    const view = installationView();
    window.location.hash = `#/installation/${view.installation.serial}`;
    const archive = {
      segments: 1,
      entries: 900,
      lastSeq: 900,
      firstAt: T0 - 3_600_000,
      lastAt: T0,
      compressedBytes: 10_000,
      dir: '/data/journal/archive',
    };
    await renderApp(createFakeApi({ installations: [view], archive }));
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() => expect(timeline.textContent).toMatch(/entries up to .+ are in the journal archive/));
  });

  it('says on the timeline that the installation is stale now, which no entry marks', async () => {
    await openInstallation(installationView({ health: 'stale', overdue: 'health' }));
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getByTestId('timeline-stale').textContent).toContain(
      'Health calls have stopped coming',
    );
  });

  it('shows no stale line on the timeline of a healthy installation', async () => {
    await openInstallation(installationView({ health: 'ok', overdue: null }));
    expect(screen.queryByTestId('timeline-stale')).toBeNull();
  });

  it("names who made a timeline entry: a listener call by its token's label", async () => {
    const base = installationView();
    const view = { ...base, timeline: base.timeline.map((t) => ({ ...t, actor: 'token:t-9' })) };
    window.location.hash = `#/installation/${view.installation.serial}`;
    const tokens = [
      { id: 't-9', label: 'Eniris production', serial: null, createdAt: '2026-10-01T08:00:00.000Z' },
    ];
    await renderApp(createFakeApi({ installations: [view], tokens }));
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    await waitFor(() => expect(timeline.textContent).toContain('· listener: Eniris production'));
    expect(timeline.textContent).not.toContain('token:t-9');
  });

  it('shows identity, devices, health errors and the unknown fields', async () => {
    await openInstallation();
    expect(screen.getByRole('heading', { level: 2, name: 'Installation SG1-0001' })).toBeTruthy();
    const identity = screen.getByRole('region', { name: 'Identity' });
    expect(identity.textContent).toContain('node-7');
    expect(identity.textContent).toContain('Kerkstraat 1, 9000 Gent, BE');
    expect(identity.textContent).toContain('900 s');
    expect(within(identity).getByRole('table', { name: 'Devices' }).textContent).toContain('BYD HVS');
    expect(screen.getByRole('region', { name: 'Health' }).textContent).toContain('Inverter offline');
    // Unknown fields sit with the identity they came with, not below a long timeline.
    expect(within(identity).getByText('Other fields the controller sent (1)')).toBeTruthy();
    expect(within(identity).getByText(/"firmware": "2.4.1"/)).toBeTruthy();
    // A detail page: the navigation marks Fleet, where it was opened from.
    expect(screen.getByRole('link', { name: 'Fleet' }).getAttribute('aria-current')).toBe('page');
  });

  it('says so when the controller sent no fields beyond the known ones', async () => {
    const base = installationView();
    await openInstallation({ ...base, installation: { ...base.installation, extra: {} } });
    const identity = screen.getByRole('region', { name: 'Identity' });
    expect(identity.textContent).toContain('No other fields in its calls.');
    expect(screen.queryByText(/Other fields the controller sent/)).toBeNull();
  });

  it('says which groups are in fallback because their lease lapsed', async () => {
    const base = installationView();
    await openInstallation({
      ...base,
      installation: { ...base.installation, fallbackSince: { storage: T0 - 60_000 } },
    });
    const note = await screen.findByTestId('fallback-note');
    expect(note.textContent).toContain('In fallback');
    expect(note.textContent).toContain('storage since');
    expect(note.textContent).toContain('its lease lapsed');
  });

  it('says which signal stopped coming when the installation is stale', async () => {
    const base = installationView();
    const health = { ...base.installation.health, status: 'ok' as const, errors: [] };
    await openInstallation({
      ...base,
      installation: { ...base.installation, health },
      health: 'stale',
      overdue: 'mqtt',
    });
    const section = screen.getByRole('region', { name: 'Health' });
    expect(section.textContent).toContain('status “ok”');
    expect(section.textContent).toContain('MQTT feedback has stopped coming while the broker link is up');
    expect(section.textContent).not.toContain('Health calls have stopped');
  });

  it('shows when MQTT feedback last arrived live, not the journaled mark of up to 15 minutes before', async () => {
    const base = installationView();
    const journaled = T0 - 14 * 60_000;
    const view = {
      ...base,
      installation: { ...base.installation, lastSeen: { ...base.installation.lastSeen, mqtt: journaled } },
      lastFeedbackAt: T0 - 5_000,
    };
    await openInstallation(view);
    const identity = screen.getByRole('region', { name: 'Identity' });
    const fact = within(identity).getByText('Last MQTT feedback').nextElementSibling;
    expect(fact?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(T0 - 5_000).toISOString());
    expect(within(identity).getByText('Last health call')).toBeTruthy();
  });

  it('falls back to the journaled MQTT mark while no feedback arrived since the start', async () => {
    const base = installationView();
    const journaled = T0 - 14 * 60_000;
    await openInstallation({
      ...base,
      installation: { ...base.installation, lastSeen: { ...base.installation.lastSeen, mqtt: journaled } },
    });
    const fact = screen.getByText('Last MQTT feedback').nextElementSibling;
    expect(fact?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(journaled).toISOString());
  });

  it('lists the link history newest first, with who, when, why and from what', async () => {
    await openInstallation();
    const history = screen.getByRole('table', { name: 'Link history' });
    const [current, old] = within(history).getAllByRole('row').slice(1);
    expect(current?.textContent).toContain('C-1001');
    expect(current?.textContent).toContain('in force');
    expect(current?.textContent).toContain('customer confirmed by phone (operator action)');
    expect(old?.textContent).toContain('C-0999');
    expect(old?.textContent).toContain('exact match (callback req-1)');
    expect(old?.textContent).toContain('by Grace');
    expect(old?.textContent).toContain('wrong customer');
  });

  it('says how much of the timeline is shown', async () => {
    await openInstallation();
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(timeline.textContent).toContain('Showing 3 of 12 entries, newest first');
    expect(timeline.textContent).not.toContain('journal archive');
    const summaries = within(timeline)
      .getAllByText(/^Event number/)
      .map((e) => e.textContent);
    expect(summaries).toEqual(['Event number 3', 'Event number 2', 'Event number 1']);
    // The rest is a click away: the Activity page, filtered to this installation.
    const all = within(timeline).getByRole('link', { name: /Every entry, with filters and CSV/ });
    expect(all.getAttribute('href')).toBe('#/activity?serial=SG1-0001');
    // jsdom does not follow links: go where it points.
    window.location.hash = all.getAttribute('href') ?? '';
    expect(await screen.findByLabelText('Serial')).toHaveProperty('value', 'SG1-0001');
  });

  describe('right after a start, while older journal entries are still being indexed', () => {
    afterEach(() => vi.useRealTimers());

    it('says the count is not complete yet, then asks again until it is', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const fake = await openInstallation({
        ...installationView(),
        timelineTotal: 5,
        timelineComplete: false,
      });
      const timeline = screen.getByRole('region', { name: 'Timeline' });
      expect(timeline.textContent).toContain(
        'Showing the newest 3 entries; older ones are still being indexed (5 counted so far)',
      );
      expect(callsOf(fake, 'installation.get')).toHaveLength(1);
      // The core finished indexing: the next answer has the whole count.
      const serial = 'SG1-0001';
      const view = fake.state.inventory.installations.get(serial)!;
      fake.state.inventory.installations.set(serial, { ...view, timelineTotal: 12, timelineComplete: true });
      act(() => vi.advanceTimersByTime(INCOMPLETE_TIMELINE_RETRY_MS));
      await waitFor(() => expect(timeline.textContent).toContain('Showing 3 of 12 entries, newest first'));
      act(() => vi.advanceTimersByTime(3 * INCOMPLETE_TIMELINE_RETRY_MS));
      expect(callsOf(fake, 'installation.get')).toHaveLength(2);
    });
  });

  it('adds an operator note through the API and shows it on the timeline', async () => {
    const fake = await openInstallation();
    fireEvent.change(screen.getByLabelText('Operator note'), {
      target: { value: '  Customer called about the battery  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    // Wait for the answer's timeline, not for the text: the note box itself holds the same words.
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Timeline' }).textContent).toContain('Showing 4 of 13'),
    );
    expect(callsOf(fake, 'installation.addNote')).toEqual([
      { serial: 'SG1-0001', text: 'Customer called about the battery' },
    ]);
    await waitFor(() =>
      expect((screen.getByLabelText('Operator note') as HTMLTextAreaElement).value).toBe(''),
    );
  });

  describe('fallback timeout', () => {
    const factOf = () => {
      const identity = screen.getByRole('region', { name: 'Identity' });
      return within(identity).getByText('Fallback timeout').nextElementSibling as HTMLElement;
    };
    const withInstallation = (over: Partial<ReturnType<typeof installationView>['installation']>) => {
      const base = installationView();
      return { ...base, installation: { ...base.installation, ...over } };
    };

    it('says where the value comes from: onboarding, the operator, or nowhere (and that control needs it)', async () => {
      await openInstallation();
      expect(factOf().textContent).toContain('900 s, from onboarding');
      cleanup();
      await openInstallation(
        withInstallation({ fallbackTimeoutOverride: { seconds: 120, at: T0, by: 'Grace' } }),
      );
      expect(factOf().textContent).toContain('120 s, set by Grace');
      cleanup();
      await openInstallation(withInstallation({ fallbackTimeoutSeconds: null }));
      expect(factOf().textContent).toContain('unknown: set it to control this installation');
    });

    it('sets it through the API, refusing out-of-range values in words first', async () => {
      const fake = await openInstallation(withInstallation({ fallbackTimeoutSeconds: null }));
      fireEvent.click(within(factOf()).getByRole('button', { name: 'Set fallback timeout…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Fallback timeout of SG1-0001' });
      expect(dialog.textContent).toContain('Onboarding did not report it.');
      // Nothing to go back to: no override yet.
      expect(within(dialog).queryByRole('button', { name: "Use onboarding's value" })).toBeNull();
      const input = within(dialog).getByLabelText('Fallback timeout (seconds)');
      fireEvent.change(input, { target: { value: '2' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(dialog.textContent).toContain('Enter whole seconds from 3 to 86,400.'));
      expect(callsOf(fake, 'installation.setFallback')).toEqual([]);

      fireEvent.change(input, { target: { value: '120' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(factOf().textContent).toContain('120 s, set by Ada'));
      expect(callsOf(fake, 'installation.setFallback')).toEqual([{ serial: 'SG1-0001', seconds: 120 }]);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    });

    it("goes back to onboarding's value, and shows the core's refusal in words", async () => {
      const fake = await openInstallation(
        withInstallation({ fallbackTimeoutOverride: { seconds: 120, at: T0, by: 'Grace' } }),
      );
      fake.failNext('installation.setFallback', {
        code: 'not-found',
        message: 'There is no installation SG1-0001.',
      });
      fireEvent.click(within(factOf()).getByRole('button', { name: 'Set fallback timeout…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Fallback timeout of SG1-0001' });
      expect(dialog.textContent).toContain('Onboarding reported 900 s.');
      const back = within(dialog).getByRole('button', { name: "Use onboarding's value" });
      fireEvent.click(back);
      await waitFor(() => expect(dialog.textContent).toContain('There is no installation SG1-0001.'));
      fireEvent.click(back);
      await waitFor(() => expect(factOf().textContent).toContain('900 s, from onboarding'));
      expect(callsOf(fake, 'installation.setFallback')).toEqual([
        { serial: 'SG1-0001', seconds: null },
        { serial: 'SG1-0001', seconds: null },
      ]);
    });
  });

  it('ends the link in force with a reason', async () => {
    const fake = await openInstallation();
    fireEvent.click(screen.getByRole('button', { name: 'End link…' }));
    expect(callsOf(fake, 'links.end')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Reason for ending the link'), {
      target: { value: 'moved house' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'End link' }));
    await waitFor(() =>
      expect(callsOf(fake, 'links.end')).toEqual([{ serial: 'SG1-0001', reason: 'moved house' }]),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: 'End link…' })).toBeNull());
    expect(screen.getByText('No contract is linked. Link one from the Inbox.')).toBeTruthy();
  });

  it('says plainly an offboarded installation can no longer be controlled, and which link it ended', async () => {
    const base = installationView();
    const [earlier, current] = base.links;
    await openInstallation({
      ...base,
      installation: {
        ...base.installation,
        onboarding: { state: 'offboarded', since: T0, reason: 'customer moved' },
      },
      contract: null,
      links: [
        earlier!,
        {
          ...current!,
          ended: {
            at: T0,
            by: 'eniris',
            reason: 'offboarded: customer moved',
            source: { kind: 'callback', ref: 'req-9' },
          },
        },
      ],
    });
    const when = formatDateTime(T0);
    const notice = screen.getByText(`Offboarded on ${when}`).closest('[role="alert"], .mantine-Alert-root');
    expect(notice?.textContent).toContain(
      'Fleetdesk can no longer control it, and its link to contract C-1001 ended then.',
    );
    const control = screen.getByRole('region', { name: 'Control' });
    await waitFor(() =>
      expect(within(control).getByTestId('control-state').textContent).toContain(
        `Control is no longer possible: the installation was offboarded on ${when}`,
      ),
    );
    expect(control.textContent).not.toContain('Local control');
    expect(within(control).queryByRole('link', { name: 'Send a command…' })).toBeNull();
    const contract = screen.getByRole('region', { name: 'Contract link' });
    expect(contract.textContent).toContain(
      `The link to contract C-1001 ended when the installation was offboarded on ${when}.`,
    );
    // It is not in the Inbox, so the page does not send the operator there.
    expect(contract.textContent).not.toContain('Inbox');
    expect(within(contract).queryByRole('button', { name: 'End link…' })).toBeNull();
  });

  it('fetches again when the core says this serial changed, and only then', async () => {
    const fake = await openInstallation();
    act(() => fake.emit('installation.changed', { serials: ['SG1-9999'] }));
    act(() => fake.emit('installation.changed', { serials: ['SG1-0002', 'SG1-0001'] }));
    await waitFor(() => expect(callsOf(fake, 'installation.get')).toHaveLength(2));
  });

  it('says so when the serial is unknown', async () => {
    window.location.hash = '#/installation/NOPE';
    await renderApp(createFakeApi());
    expect((await screen.findByRole('alert')).textContent).toContain('No installation NOPE');
  });
});
