/**
 * `npm run serve` makes a new UI token each run. A tab opened before a restart still holds the old
 * one; the browser reports the host's refusal exactly like a host that is down, so the page must ask
 * the host which it is and, when refused, say that a new link is needed instead of retrying for ever.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildClient } from '../../shared/contract';
import { TOKEN_CHECK_PATH } from '../../shared/contract/token-check';
import { createConnectionSource, createWsTransport, type WsTransport } from '../../renderer/src/api';
import { createFakeApi } from './fake-api';
import { FakeSocket } from './fake-socket';
import { renderApp } from './render-app';

const API_URL = 'ws://host/api?token=old-run';
const apiSockets = () => FakeSocket.instances.filter((s) => s.url === API_URL);
const checkSockets = () => FakeSocket.instances.filter((s) => new URL(s.url).pathname === TOKEN_CHECK_PATH);

/** The host answers the page's token check: the socket opens, says its verdict and closes. */
async function answerCheck(accepted: boolean): Promise<void> {
  const check = checkSockets().at(-1);
  if (!check) throw new Error('the page did not ask the host about its token');
  check.open();
  check.push({ type: 'token-check', accepted });
  check.drop();
  await vi.advanceTimersByTimeAsync(0);
}

describe('a browser tab whose link is from an earlier run of the host', () => {
  let transport: WsTransport;
  const start = () => (transport = createWsTransport({ url: API_URL, WebSocket: FakeSocket }));

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
  });
  afterEach(() => {
    transport.close();
    vi.useRealTimers();
  });

  /** Connected, then the host restarts: the next handshake fails (a 401 looks like a host that is down). */
  async function hostRestarted(): Promise<void> {
    FakeSocket.last.open();
    FakeSocket.last.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    apiSockets().at(-1)!.drop();
  }

  it('asks the host about its token with the same token, after a handshake fails', async () => {
    start();
    await hostRestarted();
    expect(checkSockets().map((s) => new URL(s.url).searchParams.get('token'))).toEqual(['old-run']);
  });

  it('says the link is from an earlier run once the restarted host refuses its token', async () => {
    const api = buildClient(start());
    await hostRestarted();
    await answerCheck(false);
    expect(transport.connection.get()).toMatchObject({ kind: 'refused', session: 1 });
    expect(await api.settings.get()).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('earlier run of the Fleetdesk host') },
    });
  });

  it('stops hammering the host with retries once it refused the token, but still tries now and then', async () => {
    start();
    await hostRestarted();
    await answerCheck(false);
    const before = apiSockets().length;
    // With the normal back-off (capped at 15 s) five minutes would be 20 attempts or more.
    for (let minute = 0; minute < 5; minute += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      const attempt = apiSockets().at(-1)!;
      if (attempt.readyState === 0) {
        attempt.drop();
        await answerCheck(false);
      }
    }
    expect(apiSockets().length - before).toBeGreaterThanOrEqual(1);
    expect(apiSockets().length - before).toBeLessThanOrEqual(5);
    expect(transport.connection.get()).toMatchObject({ kind: 'refused' });
  });

  it('connects again if the host accepts the token again', async () => {
    start();
    await hostRestarted();
    await answerCheck(false);
    await vi.advanceTimersByTimeAsync(60_000);
    apiSockets().at(-1)!.open();
    expect(transport.connection.get()).toEqual({ kind: 'open', session: 2 });
  });

  it('keeps reconnecting while the host is down: the token check cannot reach it either', async () => {
    start();
    await hostRestarted();
    checkSockets().at(-1)!.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.connection.get()).toMatchObject({ kind: 'reconnecting', attempt: 2, session: 1 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(apiSockets()).toHaveLength(3);
  });

  it('a page opened with a link from an earlier run says so instead of "could not connect"', async () => {
    const api = buildClient(start());
    // The boot's first calls wait for the first connection.
    const info = api.app.info();
    FakeSocket.last.drop();
    await answerCheck(false);
    expect(await info).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: expect.stringMatching(/earlier run of the Fleetdesk host.*Open the new link/),
      },
    });
  });
});

describe('the connection banner for a link from an earlier run', () => {
  it('tells the operator to open the new link the host printed, not that it is reconnecting', async () => {
    const connection = createConnectionSource({ kind: 'open', session: 1 });
    await renderApp(createFakeApi(), { connection });
    act(() => connection.set({ kind: 'refused', session: 1, retryAt: Date.now() + 60_000 }));
    await waitFor(() =>
      expect(screen.getByText('This link is from an earlier run of Fleetdesk')).toBeTruthy(),
    );
    expect(screen.getByText(/Open the new link the host printed/)).toBeTruthy();
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
  });

  it('while it reconnects, says that a restarted host needs the new link it printed', async () => {
    // With the default --ui-port 0 a restarted host listens on another port: nothing answers here.
    const connection = createConnectionSource({ kind: 'open', session: 1 });
    await renderApp(createFakeApi(), { connection });
    act(() => connection.set({ kind: 'reconnecting', session: 1, attempt: 7, retryAt: Date.now() + 15_000 }));
    await waitFor(() => expect(screen.getByText(/Reconnecting \(attempt 7\)/)).toBeTruthy());
    expect(screen.getByText(/If the host was restarted, open the new link it printed/)).toBeTruthy();
  });
});
