/**
 * Issue #4, "a repeated key ... has no second effect" (the OpenAPI document promises the
 * last 100,000 keys are remembered): the existing tests only use MAX_EVENT_KEYS symbolically and
 * repeat a call right after the first, so they stay green with the memory cut to 20 keys. Here a
 * controller's retry arrives after a few hundred other calls of the fleet (seconds of traffic at
 * 10,000 controllers) and a Fleetdesk restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'keys-token-0000001';
let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});
const call = <T>(method: string, request?: unknown): Promise<T> => callCore<T>(core!, method, request);

async function post(path: string, body: unknown): Promise<number> {
  const res = await fetch(`${core!.info().listenerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

describe('a retried health call after other traffic', () => {
  it('has no second effect: an old error does not come back over a newer ok', async () => {
    const dataDir = tempDir().path;
    core = makeCore(dataDir, TOKEN);
    await core.start();
    const serial = 'SG1-AUDIT-H1';
    expect(await post('/v1/onboarding', { serialNumber: serial, eventId: 'onb-h1' })).toBe(202);
    const failed = {
      serialNumber: serial,
      status: 'error',
      eventId: 'hlth-h1-1',
      errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
    };
    expect(await post('/v1/health', failed)).toBe(202);

    // 300 other controllers report (each its own event), in batches of 20.
    for (let b = 0; b < 15; b += 1) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post('/v1/health', { serialNumber: `SG1-OTHER-${b}-${i}`, status: 'ok', eventId: `o-${b}-${i}` }),
        ),
      );
      expect(statuses).toEqual(Array(20).fill(202));
    }
    expect(await post('/v1/health', { serialNumber: serial, status: 'ok', eventId: 'hlth-h1-2' })).toBe(202);
    let view = await call<InstallationView>('installation.get', { serial });
    expect(view.installation.health.status).toBe('ok');

    // Fleetdesk restarts; the controller's retry of its first, old health call arrives.
    await core.stop();
    core = makeCore(dataDir, TOKEN);
    await core.start();
    expect(await post('/v1/health', failed)).toBe(202);

    view = await call<InstallationView>('installation.get', { serial });
    expect(view.installation.health.status).toBe('ok');
  }, 60_000);
});
