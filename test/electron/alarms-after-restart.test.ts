import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { bootMain, until } from './support/boot-main';

vi.mock('electron', () => import('./support/fake-main-electron'));
vi.mock('electron-store', () => import('./support/fake-electron-store'));
vi.stubEnv('FLEETDESK_LISTENER_HOST', '127.0.0.1');
vi.stubEnv('FLEETDESK_LISTENER_PORT', '0');

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** In error when Fleetdesk closes, and still in error the next morning. */
const ALREADY_IN_ERROR = 'SG1-000777';
/** Fine when Fleetdesk closes, in error the next morning: that one is news. */
const NEWLY_IN_ERROR = 'SG1-000778';

const health = (serial: string, status: 'ok' | 'error') => ({
  serialNumber: serial,
  status,
  errors:
    status === 'error'
      ? [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }]
      : [],
  devices: [{ type: 'storage', status }],
});

async function post(listenerUrl: string, token: string, path: string, body: unknown) {
  const res = await fetch(`${listenerUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(202);
}

type Row = { serial: string; health: string };

describe('desktop alarms across a restart', () => {
  it('raise nothing in the morning for an installation already in error when Fleetdesk closed, only for a new error', async () => {
    const config = tempDir('fleetdesk-xdg-');
    dirs.push(config);

    // First run: both controllers onboard and report. Stale after 10 s of silence.
    const first = await bootMain(config.path);
    let token: string;
    try {
      await first.call('settings.update', { healthPeriodSeconds: 10, stalePeriods: 1 });
      const created = await first.call<{ secret: string }>('tokens.create', {
        label: 'controllers',
        serial: null,
      });
      token = created.secret;
      const { listenerUrl } = await first.call<{ listenerUrl: string }>('app.info');
      for (const serial of [ALREADY_IN_ERROR, NEWLY_IN_ERROR])
        await post(listenerUrl, token, '/v1/onboarding', {
          serialNumber: serial,
          address: 'Kerkstraat 1, 9000 Gent, BE',
        });
      await post(listenerUrl, token, '/v1/health', health(ALREADY_IN_ERROR, 'error'));
      await post(listenerUrl, token, '/v1/health', health(NEWLY_IN_ERROR, 'ok'));
    } finally {
      await first.quit();
    }
    expect(first.fake.record.calls).toContain('exited');

    // Fleetdesk stays closed a while (a night; here 11 s against a 10 s period), so both rows start stale.
    await new Promise((r) => setTimeout(r, 11_000));

    const second = await bootMain(config.path);
    try {
      const { listenerUrl } = await second.call<{ listenerUrl: string }>('app.info');
      const rows = (await second.call<{ rows: Row[] }>('fleet.list')).rows;
      expect(rows.map((r) => r.health)).toEqual(['stale', 'stale']);
      // Their next health calls: the same error as all along, and a new one.
      await post(listenerUrl, token, '/v1/health', health(ALREADY_IN_ERROR, 'error'));
      await post(listenerUrl, token, '/v1/health', health(NEWLY_IN_ERROR, 'error'));
      await until('both rows to show the error', () => {
        const inError = second.main.webContents.sent
          .filter(([name]) => name === 'fleet.changed')
          .flatMap(([, delta]) => (delta as { upserts: Row[] }).upserts)
          .filter((r) => r.health === 'error')
          .map((r) => r.serial);
        return inError.includes(ALREADY_IN_ERROR) && inError.includes(NEWLY_IN_ERROR);
      });
      // The notifier batches for 5 s.
      await until('the notification', () => second.fake.Notification.shown.length > 0, 10_000);
      await new Promise((r) => setTimeout(r, 500));
      // README: "Errors present at start or after a restore are not new." Stale hid the error; it did not end it.
      expect(second.fake.Notification.shown.map((n) => n.options.title)).toEqual([
        `${NEWLY_IN_ERROR} reports an error`,
      ]);
    } finally {
      await second.quit();
    }
  }, 90_000);
});
