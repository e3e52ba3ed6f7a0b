import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { listenerInUse } from '../../renderer/src/features/settings/listener-in-use';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';

const SAVED = { ...DEFAULT_SETTINGS.listener, host: '127.0.0.1', port: 8787 };

const INFO: AppInfo = {
  version: '0.1.0-test',
  host: 'headless',
  dataDir: '/tmp/fleetdesk-test',
  listenerUrl: 'http://127.0.0.1:8787',
  demo: false,
};

async function openListener(info: Partial<AppInfo>, publicUrl = '') {
  window.location.hash = '#/settings';
  await renderApp(createFakeApi({ settings: { listener: { ...SAVED, publicUrl } }, info }));
  return screen.getByRole('region', { name: 'Listener in use' });
}

describe('settings: the callback listener in use', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the port the listener really runs on, and that a flag overrides the saved one', async () => {
    const inUse = await openListener({
      host: 'headless',
      listenerUrl: 'http://127.0.0.1:18787',
      listenerOverride: { port: 18787 },
    });
    expect(inUse.textContent).toContain('Running now on host 127.0.0.1, port 18787');
    expect(inUse.textContent).toContain('http://127.0.0.1:18787');
    expect(inUse.textContent).toContain(
      'Port 18787 is set by --listener-port (or FLEETDESK_LISTENER_PORT) for this run; the saved value 8787 applies when started without it.',
    );
    // The field keeps the saved value, which the next start without the flag uses.
    expect((screen.getByLabelText('Listener port') as HTMLInputElement).value).toBe('8787');
  });

  it('says a saved change waits for the next start, and says nothing when all agree', async () => {
    const changed = await openListener({ host: 'electron', listenerUrl: 'http://0.0.0.0:9000' });
    expect(changed.textContent).toContain('The saved host 127.0.0.1 applies from the next start.');
    expect(changed.textContent).toContain('The saved port 8787 applies from the next start.');
    expect(listenerInUse({ ...INFO, listenerUrl: 'http://127.0.0.1:8787' }, SAVED)).toEqual({
      kind: 'running',
      url: 'http://127.0.0.1:8787',
      host: '127.0.0.1',
      port: 8787,
    });
  });

  it('names the environment variable in the desktop app, and reads an IPv6 host', () => {
    const inUse = listenerInUse(
      {
        ...INFO,
        host: 'electron',
        listenerUrl: 'http://[::1]:9999',
        listenerOverride: { host: '::1', port: 9999 },
      },
      SAVED,
    );
    expect(inUse).toMatchObject({
      host: '::1',
      port: 9999,
      hostNote:
        'Host ::1 is set by FLEETDESK_LISTENER_HOST for this run; the saved value 127.0.0.1 applies when started without it.',
      portNote:
        'Port 9999 is set by FLEETDESK_LISTENER_PORT for this run; the saved value 8787 applies when started without it.',
    });
  });

  it('says so when the listener did not start', async () => {
    const inUse = await openListener({ listenerUrl: '' });
    expect(inUse.textContent).toContain('Not running');
  });

  it('shows the public URL for Eniris as text with a Copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    const inUse = await openListener({}, 'https://fleet.example.com');
    expect(within(inUse).getByTestId('listener-public-url').textContent).toBe('https://fleet.example.com');
    fireEvent.click(within(inUse).getByRole('button', { name: 'Copy public URL' }));
    expect(writeText).toHaveBeenCalledWith('https://fleet.example.com');
    await waitFor(() => expect(within(inUse).getByRole('button', { name: 'Copied' })).toBeTruthy());
  });

  it('says where the public URL goes before one is saved', async () => {
    const inUse = await openListener({});
    expect(inUse.textContent).toContain('No public URL saved yet');
    expect(within(inUse).queryByRole('button', { name: 'Copy public URL' })).toBeNull();
  });
});
