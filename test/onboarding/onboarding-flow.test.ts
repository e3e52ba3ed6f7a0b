import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'integration-token-for-tests-0001';
const CSV = [
  'Contract number;Customer name;Street;Postal code;City',
  'C-2026-0001;An Peeters;Kerkstraat 1;9000;Gent',
  'C-2026-0002;Bart Claes;Veldstraat 10;9000;Gent',
  'C-2026-0003;Chris Maes;Meir 5;2000;Antwerpen',
].join('\n');

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

const call = <T>(method: string, request?: unknown): Promise<T> => callCore<T>(core!, method, request);

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${core!.info().listenerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(body),
  });
}

const row = async (serial: string) =>
  (await call<{ rows: FleetRow[] }>('fleet.list')).rows.find((r) => r.serial === serial);

async function started(dataDir = tempDir().path): Promise<string> {
  core = makeCore(dataDir, TOKEN);
  await core.start();
  return dataDir;
}

describe('onboarding, linking, health and offboarding through the listener', () => {
  it('links an exact match with an agreeing address by itself', async () => {
    await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const res = await post('/v1/onboarding', {
      serialNumber: 'SG1-000001',
      contractNumber: 'C-2026-0001',
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
      devices: [{ type: 'storage', nominalPowerW: 5000, capacityWh: 10000 }],
      vendorField: { firmware: '1.2.3' },
    });
    expect(res.status).toBe(202);
    expect(await row('SG1-000001')).toMatchObject({
      onboarding: 'linked',
      contractNumber: 'C-2026-0001',
      customerName: 'An Peeters',
    });
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-000001' });
    expect(view.links).toMatchObject([{ contractNumber: 'C-2026-0001', by: 'auto' }]);
    expect(view.installation.extra).toMatchObject({ vendorField: { firmware: '1.2.3' } });
    expect(await call<InboxItem[]>('inbox.list')).toEqual([]);
  });

  it('leaves an exact match sent with the one-line address of another home in the inbox', async () => {
    await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const res = await post('/v1/onboarding', {
      serialNumber: 'SG1-000011',
      contractNumber: 'C-2026-0001',
      address: 'Molenstraat 1, 9000 Gent',
    });
    expect(res.status).toBe(202);
    expect(await row('SG1-000011')).toMatchObject({ onboarding: 'pending', contractNumber: null });
    const [item] = await call<InboxItem[]>('inbox.list');
    expect(item).toMatchObject({ serial: 'SG1-000011', flags: ['address-differs'] });
    expect(item?.suggestions[0]).toMatchObject({
      contractNumber: 'C-2026-0001',
      kind: 'exact',
      address: 'differs',
    });
  });

  it('puts a typo in the inbox with a suggestion, and an operator links it', async () => {
    await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    await call('settings.update', { operatorName: 'Dana' });
    await post('/v1/onboarding', {
      serialNumber: 'SG1-000002',
      contractNumber: 'C-2026-0020',
      address: 'Veldstraat 10, 9000 Gent',
    });
    const [item] = await call<InboxItem[]>('inbox.list');
    expect(item).toMatchObject({ serial: 'SG1-000002', flags: ['unknown-contract'], calls: 1 });
    expect(item?.suggestions[0]).toMatchObject({
      contractNumber: 'C-2026-0002',
      kind: 'typo',
      address: 'agrees',
    });
    expect(
      await call<InboxItem[]>('inbox.link', { serial: 'SG1-000002', contractNumber: 'C-2026-0002' }),
    ).toEqual([]);
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-000002' });
    expect(view.links).toMatchObject([
      { contractNumber: 'C-2026-0002', by: 'Dana', source: { kind: 'operator' } },
    ]);
  });

  it('groups repeated onboarding calls and has one effect for a repeated event', async () => {
    await started();
    const body = { serialNumber: 'SG1-000003', eventId: 'evt-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/v1/onboarding', body)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    await post('/v1/onboarding', { serialNumber: 'SG1-000003', eventId: 'evt-2' });
    const [item] = await call<InboxItem[]>('inbox.list');
    expect(item).toMatchObject({ serial: 'SG1-000003', calls: 2, flags: ['no-contract-given'] });
  });

  it('links a controller once when two of its onboarding calls arrive together', async () => {
    await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    const answers = await Promise.all(
      ['evt-a', 'evt-b'].map((eventId) =>
        post('/v1/onboarding', {
          serialNumber: 'SG1-000012',
          contractNumber: 'C-2026-0001',
          address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
          eventId,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-000012' });
    expect(view.links).toMatchObject([{ contractNumber: 'C-2026-0001', by: 'auto' }]);
  });

  it('shows health errors, then ends the link on offboarding and keeps its history', async () => {
    await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    await post('/v1/onboarding', {
      serialNumber: 'SG1-000004',
      contractNumber: 'C-2026-0003',
      address: 'Meir 5, 2000 Antwerpen',
    });
    await post('/v1/health', {
      serialNumber: 'SG1-000004',
      status: 'error',
      errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
    });
    expect(await row('SG1-000004')).toMatchObject({
      health: 'error',
      errorCount: 1,
      firstError: 'Lost connection with the battery',
    });
    await post('/v1/offboarding', { serialNumber: 'SG1-000004', reason: 'signal removed' });
    expect(await row('SG1-000004')).toMatchObject({ onboarding: 'offboarded', contractNumber: null });
    const view = await call<InstallationView>('installation.get', { serial: 'SG1-000004' });
    expect(view.links[0]?.ended?.reason).toMatch(/offboarded/);
    expect(view.timeline.map((t) => t.type)).toEqual([
      'callback.offboarding',
      'callback.health',
      'link.created',
      'callback.onboarding',
    ]);
  });

  it('records health from a serial that never onboarded, in the inbox', async () => {
    await started();
    expect((await post('/v1/health', { serialNumber: 'SG1-GHOST', status: 'ok' })).status).toBe(202);
    expect(await call<InboxItem[]>('inbox.list')).toMatchObject([
      { serial: 'SG1-GHOST', kind: 'unknown-serial', calls: 1 },
    ]);
  });

  it('keeps everything across a restart', async () => {
    const dir = await started();
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
    await post('/v1/onboarding', {
      serialNumber: 'SG1-000005',
      contractNumber: 'C-2026-0001',
      address: 'Kerkstraat 1, 9000 Gent',
    });
    await core!.stop();
    await started(dir);
    expect(await row('SG1-000005')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2026-0001' });
    expect(
      (await call<{ contractedNotOnboarded: string[] }>('contracts.reconcile')).contractedNotOnboarded,
    ).toEqual(['C-2026-0002', 'C-2026-0003']);
  });

  it('refuses a token bound to another serial and a revoked token', async () => {
    await started();
    const { secret, token } = await call<{ secret: string; token: { id: string } }>('tokens.create', {
      label: 'SG1-A',
      serial: 'SG1-A',
    });
    const asA = { authorization: `Bearer ${secret}` };
    expect((await post('/v1/health', { serialNumber: 'SG1-B', status: 'ok' }, asA)).status).toBe(403);
    expect((await post('/v1/health', { serialNumber: 'SG1-A', status: 'ok' }, asA)).status).toBe(202);
    await call('tokens.revoke', { id: token.id });
    expect((await post('/v1/health', { serialNumber: 'SG1-A', status: 'ok' }, asA)).status).toBe(401);
  });
});

describe('refused calls', () => {
  it('keeps an authenticated call with an invalid body on the timeline, changing nothing', async () => {
    await started();
    await post('/v1/onboarding', { serialNumber: 'SG1-000009' });
    const raw = { serialNumber: 'SG1-000009', status: 'on fire', vendor: { x: 1 } };
    expect((await post('/v1/health', raw)).status).toBe(400);
    // Kept in the background (the 400 does not wait for it): poll the timeline briefly.
    const view = await vi.waitFor(async () => {
      const v = await call<InstallationView>('installation.get', { serial: 'SG1-000009' });
      expect(v.timeline.some((t) => t.type === 'callback.refused')).toBe(true);
      return v;
    });
    expect(view.installation.health.status).toBe('unknown');
    const refused = view.timeline.find((t) => t.type === 'callback.refused');
    expect(refused?.summary).toBe('Refused call to /v1/health: invalid body');
    expect(JSON.parse(String(refused?.detail['rawBody']))).toEqual(raw);
  });
});
