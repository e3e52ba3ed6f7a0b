import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/app';
import { createConnectionSource } from '../../renderer/src/api';
import { createFakeApi } from './fake-api';

const appState = () => document.documentElement.dataset.appState;

describe('boot', () => {
  it('sets data-app-state="ready" only once app info and settings have loaded', async () => {
    const fake = createFakeApi();
    const release = fake.hold();
    render(<App api={fake.api} env="test" />);
    expect(appState()).toBe('loading');
    expect(screen.getByText('Starting Fleetdesk…')).toBeTruthy();
    await act(async () => release());
    await waitFor(() => expect(appState()).toBe('ready'));
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['app.info', 'settings.get']));
  });

  it('sets data-app-state="error" and shows the message when boot fails, then retries', async () => {
    const fake = createFakeApi();
    fake.failNext('settings.get', { code: 'unavailable', message: 'host is not running' });
    render(<App api={fake.api} env="test" />);
    await waitFor(() => expect(appState()).toBe('error'));
    expect(screen.getByText('Fleetdesk could not start')).toBeTruthy();
    expect(screen.getByText(/host is not running/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(appState()).toBe('ready'));
  });

  it('shows a banner while the connection is down and refetches after it returns', async () => {
    const fake = createFakeApi();
    const connection = createConnectionSource({ kind: 'open', session: 1 });
    render(<App api={fake.api} connection={connection} env="test" />);
    await waitFor(() => expect(appState()).toBe('ready'));
    expect(screen.queryByText('Disconnected from the Fleetdesk host')).toBeNull();

    act(() => connection.set({ kind: 'reconnecting', session: 1, attempt: 2, retryAt: Date.now() + 1000 }));
    expect(screen.getByText('Disconnected from the Fleetdesk host')).toBeTruthy();
    expect(screen.getByText(/Reconnecting \(attempt 2\)/)).toBeTruthy();

    const before = fake.calls.length;
    act(() => connection.set({ kind: 'open', session: 2 }));
    expect(screen.queryByText('Disconnected from the Fleetdesk host')).toBeNull();
    // Events sent while the link was down are lost, so settings and notices are fetched again.
    await waitFor(() =>
      expect(fake.calls.slice(before).map((c) => c.method)).toEqual(
        expect.arrayContaining(['settings.get', 'notices.list']),
      ),
    );
  });

  it('unsubscribes from events when unmounted', async () => {
    const fake = createFakeApi();
    const view = render(<App api={fake.api} env="test" />);
    await waitFor(() => expect(appState()).toBe('ready'));
    expect(fake.listenerCount('settings.changed')).toBe(1);
    view.unmount();
    expect(fake.listenerCount('settings.changed')).toBe(0);
    expect(fake.listenerCount('notices.changed')).toBe(0);
  });
});
