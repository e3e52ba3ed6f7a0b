/**
 * An event key used again for another call (a controller whose event counter started again) is
 * refused with 422, not taken as a repeat: while the listener remembers the key, and also after
 * Fleetdesk restarted, when only the inventory still knows it. Taken as a repeat, the new call was
 * answered 202 and had no effect: a controller's error report vanished without a word.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'reliability-key-reuse-token-01';
const SERIAL = 'SG1-REUSE-01';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

async function start(dataDir: string): Promise<void> {
  core = makeCore(dataDir, TOKEN);
  await core.start();
}

async function post(path: string, body: unknown): Promise<{ status: number; problem: { title?: string } }> {
  const res = await fetch(`${core!.info().listenerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, problem: res.status === 202 ? {} : (JSON.parse(text) as { title?: string }) };
}

const healthy = { serialNumber: SERIAL, status: 'ok', eventId: 'evt-7' };
const failing = {
  serialNumber: SERIAL,
  status: 'error',
  errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
  eventId: 'evt-7',
};

async function onboardedAndHealthy(dataDir: string): Promise<void> {
  await start(dataDir);
  expect((await post('/v1/onboarding', { serialNumber: SERIAL, eventId: 'onb-1' })).status).toBe(202);
  expect((await post('/v1/health', healthy)).status).toBe(202);
}

const view = () => callCore<InstallationView>(core!, 'installation.get', { serial: SERIAL });

describe('an event key used again with another body', () => {
  it('is refused with 422 after a restart, and kept as a refused call, not as a repeat', async () => {
    const dataDir = tempDir().path;
    await onboardedAndHealthy(dataDir);
    await core!.stop();
    await start(dataDir);

    const answer = await post('/v1/health', failing);

    expect(answer).toMatchObject({
      status: 422,
      problem: { title: 'Idempotency-Key reused with a different request' },
    });
    // Kept in the background (the 422 does not wait for it), with the body exactly as sent.
    const after = await vi.waitFor(async () => {
      const v = await view();
      expect(v.timeline.some((t) => t.type === 'callback.refused')).toBe(true);
      return v;
    });
    const refused = after.timeline.find((t) => t.type === 'callback.refused');
    expect(JSON.parse(String(refused?.detail['rawBody']))).toEqual(failing);
    expect(after.installation.health.status).toBe('ok');
    expect(after.timeline.filter((t) => t.type === 'callback.health')).toHaveLength(1);
  });

  it('is still a repeat after a restart when the body is the same: 202, one effect', async () => {
    const dataDir = tempDir().path;
    await onboardedAndHealthy(dataDir);
    await core!.stop();
    await start(dataDir);

    expect((await post('/v1/health', healthy)).status).toBe(202);
    expect((await view()).installation.health.status).toBe('ok');
  });

  it('with a new event key, the new report has its effect', async () => {
    const dataDir = tempDir().path;
    await onboardedAndHealthy(dataDir);
    await core!.stop();
    await start(dataDir);

    expect((await post('/v1/health', { ...failing, eventId: 'evt-8' })).status).toBe(202);
    expect((await view()).installation.health.status).toBe('error');
  });
});
