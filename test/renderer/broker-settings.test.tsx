import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApiOptions } from './fake-api';
import { renderApp } from './render-app';

const SECRET = 'typed-secret-42';

async function openSettings(state: FakeApiOptions['brokers'] = {}) {
  window.location.hash = '#/settings';
  const fake = createFakeApi({ brokers: state });
  await renderApp(fake);
  const section = await screen.findByRole('region', { name: 'MQTT brokers' });
  return { fake, section: within(section) };
}

/** A field by the start of its label (Mantine appends a required asterisk). */
const field = (scope: ReturnType<typeof within>, label: string) =>
  scope.getByLabelText(new RegExp(`^${label}`), { selector: 'input' }) as HTMLInputElement;
const type = (scope: ReturnType<typeof within>, label: string, value: string) =>
  fireEvent.change(field(scope, label), { target: { value } });

// Whole-app renders with Mantine are slow on a loaded 2-core machine; the default 5 s is too tight.
describe('Settings: MQTT brokers', { timeout: 20_000 }, () => {
  beforeEach(() => {
    window.location.hash = '#/settings';
  });

  it('saves a profile with a write-only password: listed as stored, never shown again', async () => {
    const { fake, section } = await openSettings();
    expect(section.getByTestId('password-storage').textContent).toMatch(/this run only/);
    fireEvent.click(section.getByRole('button', { name: 'Add broker' }));
    type(section, 'Name', 'Eniris');
    type(section, 'Broker URL', 'mqtt://mqtt.eniris.be:1883');
    type(section, 'Username', 'ada');
    type(section, 'Password', SECRET);
    // The headless host says where a typed password goes before it is saved.
    expect(section.getByRole('note').textContent).toMatch(/keeps typed passwords for this run only/);
    fireEvent.click(section.getByRole('button', { name: 'Save broker' }));

    await section.findByText(/password stored/);
    const saved = fake.calls.find((c) => c.method === 'broker.saveProfile')?.request as {
      profile: { url: string; username: string };
      password: string;
    };
    expect(saved.password).toBe(SECRET);
    expect(saved.profile).toMatchObject({
      url: 'mqtt://mqtt.eniris.be:1883',
      username: 'ada',
      protocol: 'auto',
    });
    expect(document.body.innerHTML).not.toContain(SECRET);

    fireEvent.click(section.getByRole('button', { name: 'Edit' }));
    const password = field(section, 'Password');
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('stored');
    fireEvent.click(section.getByRole('button', { name: 'Save broker' }));
    await section.findByText(/password stored/);
    const second = fake.calls.filter((c) => c.method === 'broker.saveProfile')[1]?.request as object;
    expect(second).not.toHaveProperty('password');
  });

  it('checks the URL as it is typed and refuses to save a bad one', async () => {
    const { fake, section } = await openSettings();
    fireEvent.click(section.getByRole('button', { name: 'Add broker' }));
    type(section, 'Name', 'Lab');
    type(section, 'Broker URL', 'http://broker.lab');
    expect(section.getByText(/expected mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//)).toBeTruthy();
    type(section, 'Broker URL', 'mqtt://user:pw@broker.lab:1883');
    expect(section.getByText(/not in the URL/)).toBeTruthy();
    fireEvent.click(section.getByRole('button', { name: 'Save broker' }));
    expect(fake.calls.some((c) => c.method === 'broker.saveProfile')).toBe(false);
  });

  it('tests the draft and offers the port-80 backup when 1883 fails', async () => {
    const { fake, section } = await openSettings({
      testAnswer: {
        ok: true,
        summary:
          'mqtt://mqtt.eniris.be:1883: connection timed out. The port-80 backup mqtt://mqtt.eniris.be:80 answered (connected with MQTT 5): use it as the backup address?',
        attempts: [],
        offerBackupUrl: 'mqtt://mqtt.eniris.be:80',
      },
    });
    fireEvent.click(section.getByRole('button', { name: 'Add broker' }));
    type(section, 'Name', 'Eniris');
    fireEvent.click(section.getByRole('button', { name: 'Test connection' }));
    fireEvent.click(
      await section.findByRole('button', { name: 'Use mqtt://mqtt.eniris.be:80 as the backup URL' }),
    );
    expect(field(section, 'Backup URL').value).toBe('mqtt://mqtt.eniris.be:80');
    fireEvent.click(section.getByRole('button', { name: 'Save broker' }));
    await section.findByText(/backup mqtt:\/\/mqtt\.eniris\.be:80/);
    expect(fake.state.brokers.profiles[0]?.profile.fallbackUrl).toBe('mqtt://mqtt.eniris.be:80');
  });

  it('makes a saved broker active and connects, saying how it went', async () => {
    const { fake, section } = await openSettings({
      profiles: [
        {
          profile: {
            id: 'p1',
            name: 'Lab',
            url: 'mqtt://lab:1883',
            rejectUnauthorized: true,
            protocol: 'auto',
            allowWildcard: false,
            keepaliveSeconds: 30,
          },
        },
      ],
    });
    fireEvent.click(section.getByRole('button', { name: 'Make active and connect' }));
    await section.findByText('Connected to mqtt://lab:1883 with MQTT 5.');
    await waitFor(() => expect(section.getByText('Active')).toBeTruthy());
    expect(fake.calls.filter((c) => c.method === 'broker.connectProfile')).toEqual([
      { method: 'broker.connectProfile', request: { id: 'p1' } },
    ]);
  });

  it('lets the Control page connect with a saved broker beside the one-off form', async () => {
    window.location.hash = '#/control';
    const profile = (id: string, name: string) => ({
      id,
      name,
      url: `mqtt://${id}:1883`,
      rejectUnauthorized: true,
      protocol: 'auto' as const,
      allowWildcard: false,
      keepaliveSeconds: 30,
    });
    const fake = createFakeApi({
      control: { link: { state: 'stopped', url: null } },
      brokers: {
        profiles: [{ profile: profile('a', 'Lab') }, { profile: profile('b', 'Eniris') }],
        activeId: 'b',
      },
    });
    await renderApp(fake);
    const panel = within(await screen.findByRole('region', { name: 'Broker link' }));
    // The saved profiles arrive in their own request, after the panel itself has rendered.
    expect(
      ((await panel.findByLabelText('Saved broker', { selector: 'input' })) as HTMLInputElement).value,
    ).toBe('Eniris (mqtt://b:1883)');
    fireEvent.click(panel.getByRole('button', { name: 'Connect saved broker' }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'broker.connectProfile').map((c) => c.request)).toEqual([
        { id: 'b' },
      ]),
    );
    // The one-off form is still there for a broker that is not saved.
    expect(panel.getByRole('button', { name: 'Connect' })).toBeTruthy();
  });
});
