import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApi } from './fake-api';
import { renderApp } from './render-app';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
const updates = (fake: FakeApi) =>
  fake.calls.filter((c) => c.method === 'settings.update').map((c) => c.request);

describe('settings page', () => {
  let fake: FakeApi;

  beforeEach(async () => {
    window.location.hash = '#/settings';
    fake = createFakeApi({
      settings: {
        operatorName: 'Ada',
        theme: 'light',
        stalePeriods: 4,
        autoLinkExactMatches: false,
        listener: {
          ...DEFAULT_SETTINGS.listener,
          host: '0.0.0.0',
          port: 9000,
          publicUrl: 'https://fleet.example.com',
          tlsCertFile: '',
          tlsKeyFile: '',
        },
      },
      info: {
        version: '1.2.3',
        host: 'electron',
        dataDir: '/home/ada/.fleetdesk',
        listenerUrl: 'http://0.0.0.0:9000',
      },
    });
    await renderApp(fake);
  });

  it('shows the values the API returned', () => {
    expect(input('Operator name').value).toBe('Ada');
    expect((screen.getByRole('radio', { name: 'Light' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('combobox', { name: 'Language' }) as HTMLInputElement).value).toBe('English');
    expect(input('Stale periods').value).toBe('4');
    expect(input('Auto-link exact matches').checked).toBe(false);
    expect(input('Listener host').value).toBe('0.0.0.0');
    expect(input('Listener port').value).toBe('9000');
    expect(input('Public URL').value).toBe('https://fleet.example.com');
  });

  it('explains how to expose the listener to Eniris', () => {
    expect(screen.getByText(/a port forward on your router/)).toBeTruthy();
    expect(screen.getByText(/a reverse proxy/)).toBeTruthy();
    expect(screen.getByText(/a tunnel/)).toBeTruthy();
    expect(screen.getByText(/This is what you hand over to Eniris/)).toBeTruthy();
  });

  it('shows the app info', () => {
    const about = screen.getByRole('region', { name: 'About this instance' });
    expect(about.textContent).toContain('1.2.3');
    expect(about.textContent).toContain('Desktop app');
    expect(about.textContent).toContain('/home/ada/.fleetdesk');
    expect(about.textContent).toContain('http://0.0.0.0:9000');
  });

  it('saves exactly the changed fields and confirms', async () => {
    const button = screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true); // nothing changed yet
    type('Operator name', 'Grace');
    type('Listener port', '9100');
    fireEvent.click(input('Auto-link exact matches'));
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([
      { operatorName: 'Grace', autoLinkExactMatches: true, listener: { port: 9100 } },
    ]);
    expect(fake.state.settings.listener).toEqual({
      ...DEFAULT_SETTINGS.listener,
      host: '0.0.0.0',
      port: 9100,
      publicUrl: 'https://fleet.example.com',
      tlsCertFile: '',
      tlsKeyFile: '',
    });
    expect(input('Operator name').value).toBe('Grace');
    expect(button.disabled).toBe(true);
  });

  it('turns desktop notifications for new alarms off, and only that', async () => {
    expect(input('Desktop notifications for new alarms').checked).toBe(true);
    fireEvent.click(input('Desktop notifications for new alarms'));
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([{ alarmNotifications: false }]);
    expect(fake.state.settings.alarmNotifications).toBe(false);
  });

  it('saves the live control limits as a partial control patch', async () => {
    expect(input('Fleet-wide publishes per second').value).toBe('1000');
    type('Fleet-wide publishes per second', '250');
    type('Type the number of homes above this many homes', '20');
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([{ control: { publishesPerSecond: 250, confirmAboveHomes: 20 } }]);
    expect(fake.state.settings.control).toEqual({
      ...DEFAULT_SETTINGS.control,
      publishesPerSecond: 250,
      confirmAboveHomes: 20,
    });
  });

  it('saves how much of the journal stays online', async () => {
    expect(input('Keep online (days)').value).toBe('30');
    expect(input('Keep online at most (MiB)').value).toBe('1024');
    type('Keep online (days)', '90');
    type('Keep online at most (MiB)', '4096');
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([{ journalOnlineDays: 90, journalOnlineMiB: 4096 }]);
    type('Keep online at most (MiB)', '10');
    save();
    await waitFor(() => expect(input('Keep online at most (MiB)').getAttribute('aria-invalid')).toBe('true'));
    expect(updates(fake)).toHaveLength(1);
  });

  it('shows the message of an {ok:false} answer and keeps the edit', async () => {
    fake.failNext('settings.update', {
      code: 'invalid-request',
      message: 'listener.port: port 9100 is in use',
    });
    type('Listener port', '9100');
    save();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('listener.port: port 9100 is in use');
    expect(input('Listener port').value).toBe('9100');
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  it('flags an out-of-range value on its field without calling the API', async () => {
    type('Stale periods', '0');
    save();
    await waitFor(() => expect(input('Stale periods').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Enter a whole number from 1 to 100.')).toBeTruthy();
    expect(updates(fake)).toEqual([]);
  });

  it('refuses a health period below its minimum with a message, instead of saving the minimum', async () => {
    const field = input('Health period (seconds)');
    // The range, from the schema the core validates with, is shown next to the field.
    expect(screen.getByText(/From 10 to 86,400 seconds\./)).toBeTruthy();
    type('Health period (seconds)', '5');
    fireEvent.blur(field);
    expect(field.value).toBe('5'); // not silently changed to 10
    save();
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Enter a whole number from 10 to 86,400.')).toBeTruthy();
    expect(updates(fake)).toEqual([]);
    type('Health period (seconds)', '86401');
    fireEvent.blur(field);
    save();
    await screen.findByText('Enter a whole number from 10 to 86,400.');
    expect(updates(fake)).toEqual([]);
  });

  it('keeps an out-of-range live control or journal number as typed and refuses it with its range', async () => {
    for (const [label, typed, range, message] of [
      ['Fleet-wide publishes per second', '0', 'From 1 to 10,000.', 'Enter a whole number from 1 to 10,000.'],
      [
        'Keep online at most (MiB)',
        '10',
        'From 64 to 1,048,576 MiB.',
        'Enter a whole number from 64 to 1,048,576.',
      ],
    ] as const) {
      const field = input(label);
      expect(screen.getByText(new RegExp(range.replace(/[.,]/g, '\\$&')))).toBeTruthy();
      type(label, typed);
      fireEvent.blur(field);
      expect(field.value).toBe(typed); // not silently changed to the bound
      save();
      await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
      expect(screen.getByText(message)).toBeTruthy();
      expect(updates(fake)).toEqual([]);
    }
  });

  it('follows settings.changed events for fields the operator has not touched', async () => {
    type('Listener host', '127.0.0.1');
    act(() =>
      fake.emit('settings.changed', {
        ...fake.state.settings,
        operatorName: 'Linus',
        listener: { ...fake.state.settings.listener, host: '10.0.0.1' },
      }),
    );
    await waitFor(() => expect(input('Operator name').value).toBe('Linus'));
    expect(input('Listener host').value).toBe('127.0.0.1'); // still being edited
  });

  it('is clean again after saving trusted proxies typed with commas, and follows later changes of them', async () => {
    const proxies = screen.getByLabelText('Trusted reverse proxies') as HTMLTextAreaElement;
    fireEvent.change(proxies, { target: { value: '10.0.0.1, 10.0.0.2' } });
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([{ listener: { trustedProxies: ['10.0.0.1', '10.0.0.2'] } }]);
    // Everything typed is saved (stored one per line): nothing is left to save or discard.
    const saveButton = screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement;
    expect(saveButton.disabled, 'Save settings is still enabled after the save').toBe(true);
    expect(proxies.value).toBe('10.0.0.1\n10.0.0.2');
    act(() =>
      fake.emit('settings.changed', {
        ...fake.state.settings,
        listener: { ...fake.state.settings.listener, trustedProxies: ['192.168.0.1'] },
      }),
    );
    await waitFor(() => expect(proxies.value).toBe('192.168.0.1'));
  });

  it('shows a TLS certificate without a key file under the key field, without calling the API', async () => {
    type('TLS certificate file', '/etc/fleetdesk/listener.crt');
    save();
    await waitFor(() => expect(input('TLS key file').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/Enter the key file too: HTTPS needs both/)).toBeTruthy();
    expect(updates(fake)).toEqual([]);
    type('TLS key file', '/etc/fleetdesk/listener.key');
    save();
    await screen.findByText('Settings saved.');
    expect(updates(fake)).toEqual([
      { listener: { tlsCertFile: '/etc/fleetdesk/listener.crt', tlsKeyFile: '/etc/fleetdesk/listener.key' } },
    ]);
  });

  it('applies the theme as the color scheme once saved', async () => {
    const root = document.documentElement;
    expect(root.getAttribute('data-mantine-color-scheme')).toBe('light');
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    save();
    await waitFor(() => expect(root.getAttribute('data-mantine-color-scheme')).toBe('dark'));
    expect(updates(fake)).toEqual([{ theme: 'dark' }]);
  });

  it('applies a theme pushed by settings.changed', async () => {
    act(() => fake.emit('settings.changed', { ...fake.state.settings, theme: 'dark' }));
    await waitFor(() =>
      expect(document.documentElement.getAttribute('data-mantine-color-scheme')).toBe('dark'),
    );
  });

  it('discards unsaved edits', () => {
    type('Operator name', 'Someone else');
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(input('Operator name').value).toBe('Ada');
  });
});
