/**
 * At-least-once delivery: the same onboarding call (same eventId) delivered 5 times at once, 5
 * more times one after the other, then once more after a restart of the core (whose listener
 * forgets the answers it gave). Every delivery gets a 202, and the call has exactly one effect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'reliability-duplicate-token-01';
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

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${core!.info().listenerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

async function start(dataDir: string): Promise<void> {
  core = makeCore(dataDir, TOKEN);
  await core.start();
}

/** 5 at once, 5 one after the other, a restart, and 1 more; returns every status in that order. */
async function deliverRepeatedly(dataDir: string, body: unknown): Promise<number[]> {
  const statuses = await Promise.all(Array.from({ length: 5 }, () => post('/v1/onboarding', body)));
  for (let i = 0; i < 5; i += 1) statuses.push(await post('/v1/onboarding', body));
  await core!.stop();
  await start(dataDir);
  statuses.push(await post('/v1/onboarding', body));
  return statuses;
}

const onboardingEntries = (view: InstallationView) =>
  view.timeline.filter((t) => t.type === 'callback.onboarding');

describe('the same onboarding call delivered 11 times', () => {
  it('links once: one installation, one automatic link, however often and whenever it is repeated', async () => {
    const dataDir = tempDir().path;
    await start(dataDir);
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const body = {
      serialNumber: 'SG1-DUP-001',
      contractNumber: 'C-2026-0001',
      address: 'Kerkstraat 1, 9000 Gent',
      eventId: 'dup-link-1',
    };

    expect(await deliverRepeatedly(dataDir, body)).toEqual(Array(11).fill(202));

    const rows = (await call<{ rows: FleetRow[] }>('fleet.list')).rows.filter(
      (r) => r.serial === 'SG1-DUP-001',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2026-0001' });
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-DUP-001' });
    expect(view.links).toHaveLength(1);
    expect(view.links[0]).toMatchObject({ contractNumber: 'C-2026-0001', by: 'auto' });
    expect(view.timeline.filter((t) => t.type === 'link.created')).toHaveLength(1);
    // Every journaled delivery (the listener answers repeats itself while it runs; the sink sees the
    // one after the restart again) is the same event, kept as evidence.
    const journaled = onboardingEntries(view);
    expect(journaled.length).toBeGreaterThanOrEqual(1);
    expect(new Set(journaled.map((t) => (t.detail['body'] as { eventId: string }).eventId))).toEqual(
      new Set(['dup-link-1']),
    );
    expect(await call<InboxItem[]>('inbox.list')).toEqual([]);
  });

  it('waits in the inbox, unlinked, and every delivery is answered 202', async () => {
    const dataDir = tempDir().path;
    await start(dataDir);
    const body = { serialNumber: 'SG1-DUP-002', address: 'Veldstraat 10, 9000 Gent', eventId: 'dup-inbox-1' };

    expect(await deliverRepeatedly(dataDir, body)).toEqual(Array(11).fill(202));

    const view = await call<InstallationView>('installation.get', { serial: 'SG1-DUP-002' });
    expect(view.links).toEqual([]);
    expect(view.installation.onboarding.state).toBe('pending');
    expect(await call<InboxItem[]>('inbox.list')).toMatchObject([
      { serial: 'SG1-DUP-002', kind: 'onboarding' },
    ]);
  });

  // The repeat that reaches the core after a restart is journaled as evidence; the inbox counts
  // distinct events, so it is still one call.
  it('counts the call once in the inbox, also after a restart (distinct events only)', async () => {
    const dataDir = tempDir().path;
    await start(dataDir);
    const body = { serialNumber: 'SG1-DUP-003', address: 'Veldstraat 12, 9000 Gent', eventId: 'dup-inbox-3' };
    await deliverRepeatedly(dataDir, body);
    expect(await call<InboxItem[]>('inbox.list')).toMatchObject([{ serial: 'SG1-DUP-003', calls: 1 }]);
    // A second, distinct event is a second call.
    expect(await post('/v1/onboarding', { ...body, eventId: 'dup-inbox-4' })).toBe(202);
    expect(await call<InboxItem[]>('inbox.list')).toMatchObject([{ serial: 'SG1-DUP-003', calls: 2 }]);
  });
});

// The listener answers a repeated Idempotency-Key itself; deliveries of one event under different
// keys all reach the core, where the event's id decides (concurrent-onboarding.test.ts shows the
// same at the service, without the timing of real requests).
describe('one event delivered 5 times at once, each under its own Idempotency-Key', () => {
  it('links once', async () => {
    await start(tempDir().path);
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const body = {
      serialNumber: 'SG1-DUP-004',
      contractNumber: 'C-2026-0001',
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
      eventId: 'dup-keys-1',
    };
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post('/v1/onboarding', body, { 'idempotency-key': `attempt-${i}` }),
      ),
    );
    expect(statuses).toEqual(Array(5).fill(202));
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-DUP-004' });
    expect(view.links).toMatchObject([{ contractNumber: 'C-2026-0001', by: 'auto' }]);
  });
});
