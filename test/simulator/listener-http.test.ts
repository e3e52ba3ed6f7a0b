import { afterEach, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../electron/simulator/fleet';
import type { HttpRecord, RunRecord } from '../../electron/simulator/run-record';
import { accept, startFakeListener, type Responder } from './fake-listener';
import { waitFor } from './wait-for';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(responder: Responder, options: Partial<Parameters<typeof startFleet>[0]> = {}) {
  const listener = await startFakeListener(responder);
  cleanups.push(listener.close);
  const records: RunRecord[] = [];
  const fleet: Fleet = await startFleet({
    controllers: 3,
    seed: 4,
    listenerUrl: listener.url,
    token: 'secret-token',
    healthPeriodS: 3600,
    httpBaseDelayMs: 20,
    onRecord: (r) => records.push(r),
    ...options,
  });
  cleanups.push(() => fleet.stop());
  const http = (endpoint: HttpRecord['endpoint']) =>
    records.filter((r): r is HttpRecord => r.type === 'http' && r.endpoint === endpoint);
  return { listener, fleet, records, http };
}

describe('listener calls', () => {
  it('onboards every controller with its bearer token and what it was configured with', async () => {
    const { listener, fleet, http } = await setup(accept);
    await fleet.onboarded;
    const onboardings = listener.calls.filter((c) => c.path === '/v1/onboarding');
    expect(onboardings.map((c) => c.body['serialNumber']).sort()).toEqual([
      'SG1-000001',
      'SG1-000002',
      'SG1-000003',
    ]);
    for (const call of onboardings) {
      const spec = fleet.controller(call.body['serialNumber'] as string)?.spec;
      expect(call.method).toBe('POST');
      expect(call.headers['authorization']).toBe('Bearer secret-token');
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['idempotency-key']).toBe(call.body['eventId']);
      expect(call.body).toMatchObject({
        siteNodeId: `${spec?.serial}_site_0`,
        fallbackTimeoutSeconds: spec?.fallbackTimeoutS,
        devices: expect.arrayContaining([
          expect.objectContaining({ type: 'storage', capacityWh: spec?.storage.capacityWh }),
        ]),
      });
      expect(call.body['contractNumber']).toBe(spec?.reported.contractNumber);
      expect(typeof call.body['eventId']).toBe('string');
      expect(Number.isNaN(Date.parse(call.body['occurredAt'] as string))).toBe(false);
    }
    expect(new Set(onboardings.map((c) => c.body['eventId'])).size).toBe(3);
    expect(http('onboarding').every((r) => r.ok && r.attempts === 1 && r.status === 202)).toBe(true);
  });

  it('retries a 503 after the Retry-After delay with the same eventId', async () => {
    const refused = new Set<string>();
    const { listener, fleet, http } = await setup(
      (call, res) => {
        const serial = call.body['serialNumber'] as string;
        if (call.path === '/v1/onboarding' && !refused.has(serial)) {
          refused.add(serial);
          res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/problem+json' });
          res.end(JSON.stringify({ title: 'shutting down' }));
          return;
        }
        accept(call, res);
      },
      { controllers: 1 },
    );
    await fleet.onboarded;
    const [first, second] = listener.calls.filter((c) => c.path === '/v1/onboarding');
    expect(second?.atMs ?? 0).toBeGreaterThanOrEqual((first?.atMs ?? 0) + 1000);
    expect(second?.body['eventId']).toBe(first?.body['eventId']);
    expect(http('onboarding')).toEqual([expect.objectContaining({ ok: true, attempts: 2, status: 202 })]);
  });

  it('does not retry a request the listener refuses as invalid', async () => {
    const { listener, fleet, http } = await setup(
      (_call, res) => {
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        res.end('{}');
      },
      { controllers: 1 },
    );
    await fleet.onboarded;
    expect(listener.calls).toHaveLength(1);
    expect(http('onboarding')).toEqual([expect.objectContaining({ ok: false, attempts: 1, status: 401 })]);
  });

  it('retries network errors, then gives up after the attempt budget', async () => {
    const records: RunRecord[] = [];
    // Port 1 on loopback refuses connections at once.
    const offline = await startFleet({
      controllers: 1,
      listenerUrl: 'http://127.0.0.1:1',
      healthPeriodS: 3600,
      httpMaxAttempts: 3,
      httpBaseDelayMs: 10,
      onRecord: (r) => records.push(r),
    });
    cleanups.push(() => offline.stop());
    await offline.onboarded;
    expect(records.find((r) => r.type === 'http' && r.endpoint === 'onboarding')).toMatchObject({
      ok: false,
      attempts: 3,
      error: expect.stringContaining('fetch failed'),
    });
  });

  it('sends health reports periodically, with error episodes', async () => {
    const { listener } = await setup(accept, { controllers: 2, healthPeriodS: 0.2, healthErrorRate: 1 });
    await waitFor('two health calls per controller', () => {
      const health = listener.calls.filter((c) => c.path === '/v1/health');
      return ['SG1-000001', 'SG1-000002'].every(
        (s) => health.filter((c) => c.body['serialNumber'] === s).length >= 2,
      );
    });
    const health = listener.calls.filter((c) => c.path === '/v1/health');
    for (const call of health) {
      expect(call.headers['authorization']).toBe('Bearer secret-token');
      expect(['warning', 'error']).toContain(call.body['status']);
      expect(call.body['errors']).toEqual([
        expect.objectContaining({
          device: expect.any(String),
          code: expect.any(String),
          message: expect.any(String),
        }),
      ]);
    }
  });

  it('calls offboarding when the external signal is removed', async () => {
    const { listener, fleet } = await setup(accept, { controllers: 1, offboardRate: 3_600_000 });
    const call = await waitFor('an offboarding call', () =>
      listener.calls.find((c) => c.path === '/v1/offboarding'),
    );
    expect(call.body).toMatchObject({
      serialNumber: 'SG1-000001',
      reason: expect.any(String),
      eventId: expect.any(String),
    });
    expect(fleet.controller('SG1-000001')?.status).toBe('offboarded');
  });
});
