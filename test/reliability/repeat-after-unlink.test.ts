/**
 * Issue #4, "the same call delivered ... exactly one effect": a late repeat of an
 * onboarding call must not link the controller a second time. duplicate-delivery.test.ts only
 * repeats while the first link is still in force, where a second automatic link is a no-op anyway,
 * so it stays green when OnboardingService.receive no longer skips repeats.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'repeat-token-000001';
const CSV = [
  'Contract number;Customer name;Street;Postal code;City',
  'C-2026-0001;An Peeters;Kerkstraat 1;9000;Gent',
].join('\n');

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});
const call = <T>(method: string, request?: unknown): Promise<T> => callCore<T>(core!, method, request);

async function post(body: unknown): Promise<number> {
  const res = await fetch(`${core!.info().listenerUrl}/v1/onboarding`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

describe('a late repeat of an onboarding call', () => {
  it('does not link again a controller whose link the operator ended', async () => {
    const dataDir = tempDir().path;
    core = makeCore(dataDir, TOKEN);
    await core.start();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const body = {
      serialNumber: 'SG1-AUDIT-1',
      contractNumber: 'C-2026-0001',
      address: 'Kerkstraat 1, 9000 Gent',
      eventId: 'audit-onb-1',
    };
    expect(await post(body)).toBe(202);
    let view = await call<InstallationView>('installation.get', { serial: 'SG1-AUDIT-1' });
    expect(view.installation.onboarding.state).toBe('linked');

    // The operator ends the link: wrong customer.
    await call('links.end', { serial: 'SG1-AUDIT-1', reason: 'wrong customer' });
    view = await call<InstallationView>('installation.get', { serial: 'SG1-AUDIT-1' });
    expect(view.installation.onboarding.state).toBe('pending');

    // Fleetdesk restarts (the listener forgets its answers); the controller retries the same event.
    await core.stop();
    core = makeCore(dataDir, TOKEN);
    await core.start();
    expect(await post(body)).toBe(202);

    view = await call<InstallationView>('installation.get', { serial: 'SG1-AUDIT-1' });
    expect(view.installation.onboarding.state).toBe('pending');
    expect(view.links.filter((l) => l.by === 'auto')).toHaveLength(1);
    expect(view.timeline.filter((t) => t.type === 'link.created')).toHaveLength(1);
  }, 60_000);
});
