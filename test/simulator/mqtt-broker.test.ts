import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { constantEnvironment } from '../../electron/simulator/environment';
import { startFleet, type Fleet, type FleetOptions } from '../../electron/simulator/fleet';
import type { FallbackRecord, RunRecord } from '../../electron/simulator/run-record';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { connectApp, feedbackFields, type Received } from './app-client';
import { command, setSchedules } from './fixtures';
import { waitFor } from './wait-for';

let broker: MosquittoBroker;
let dir: string;
beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'sim-test-'));
});
afterAll(async () => {
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(options: Partial<FleetOptions> = {}) {
  const app = await connectApp(broker.url);
  cleanups.push(app.close);
  const records: RunRecord[] = [];
  const fleet: Fleet = await startFleet({
    controllers: 2,
    seed: 2,
    brokerUrl: broker.url,
    feedbackPeriodS: 1,
    environment: () => constantEnvironment(0, 800),
    onRecord: (r) => records.push(r),
    ...options,
  });
  cleanups.push(() => fleet.stop());
  const feedbackOf = (serial: string, afterMs = 0) =>
    app.messages.filter(
      (m) => m.topic === `standard1/outbound/remoteControlMetrics/feedback/${serial}` && m.atMs >= afterMs,
    );
  return { app, fleet, records, feedbackOf };
}

const setpoint = (w: number, extra: Record<string, unknown> = {}, serial = 'SG1-000001') =>
  command({ storage_policy: 'setpoint', storage_power_setpoint_W: w }, extra, serial);
const commandTopic = (serial: string) => `standard1/rp_one_s/remoteControlMetrics/${serial}`;
const scheduleTopic = (serial: string) => `standard1/rp_one_s/remoteScheduleMetrics/${serial}`;

describe('simulated controllers on a real mosquitto', () => {
  it('applies a live command: feedback within a second with code 0, then the setpoint takes effect', async () => {
    const logFile = join(dir, 'live.jsonl');
    const { app, feedbackOf } = await setup({ logFile, feedbackPeriodS: 10 });
    const sentAt = Date.now();
    await app.publish(commandTopic('SG1-000001'), setpoint(-2000, { commandId: 'cmd-1' }));
    const answer = await waitFor('command feedback', () => feedbackOf('SG1-000001', sentAt)[0]);
    expect(answer.atMs - sentAt).toBeLessThan(1000);
    expect(feedbackFields(answer).response_code).toBe(0);
    expect(answer.body['time']).toEqual(expect.any(Number));
    expect(Math.abs((answer.body['time'] as number) - Date.now() / 1000)).toBeLessThan(2);
    // The battery ramps (1-5 s); the operator's refreshes of the same command show it reaching the setpoint.
    await waitFor(
      'setpoint reached',
      async () => {
        const t = Date.now();
        await app.publish(commandTopic('SG1-000001'), setpoint(-2000));
        const fb = await waitFor('refresh feedback', () => feedbackOf('SG1-000001', t)[0]);
        return feedbackFields(fb).state['storage']?.['active_power_W'] === -2000;
      },
      5000,
      300,
    );
    const log = (await readFile(logFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunRecord);
    expect(log[0]?.type).toBe('run-started');
    expect(log.find((r) => r.type === 'command')).toMatchObject({
      serial: 'SG1-000001',
      outcome: 'applied',
      responseCode: 0,
      commandId: 'cmd-1',
      payload: { fields: { storage_power_setpoint_W: -2000 } },
    });
  });

  it('answers an invalid command with a non-zero code and keeps local control', async () => {
    const { app, feedbackOf } = await setup();
    const sentAt = Date.now();
    await app.publish(commandTopic('SG1-000002'), command({ storage_policy: 'warp' }, {}, 'SG1-000002'));
    const answer = await waitFor('rejection', () =>
      feedbackOf('SG1-000002', sentAt).find((m) => feedbackFields(m).response_code !== 0),
    );
    expect(feedbackFields(answer).response_code).toBe(2);
    expect(feedbackFields(answer).state['storage']?.['control_source']).toBe('local');
  });

  it('does not apply a command past its validUntil', async () => {
    const { app, records } = await setup();
    await app.publish(
      commandTopic('SG1-000001'),
      setpoint(1000, { validUntil: Math.floor(Date.now() / 1000) - 5 }),
    );
    const rec = await waitFor('expiry record', () => records.find((r) => r.type === 'command'));
    expect(rec).toMatchObject({ outcome: 'expired-on-arrival' });
  });

  it('acks set_schedules and lists them with get_future_schedules', async () => {
    const { app } = await setup();
    const now = Math.floor(Date.now() / 1000);
    const acks = () =>
      app.messages.filter((m) => m.topic === 'standard1/outbound/remoteScheduleMetrics/feedback/SG1-000001');
    await app.publish(
      scheduleTopic('SG1-000001'),
      setSchedules(
        [
          {
            device_type: 'storage',
            start_time: now + 600,
            end_time: now + 1200,
            policy: 'cost',
            site_import: 4000,
            site_export: 0,
          },
        ],
        'SG1-000001',
      ),
    );
    const ack = await waitFor('set_schedules_ack', () => acks()[0]);
    expect(ack.body['data']).toEqual({
      message_type: 'set_schedules_ack',
      responseCode: 0,
      state: { schedule_ids: [1], deleted_ids: [] },
    });
    await app.publish(scheduleTopic('SG1-000001'), {
      extraTags: { nodeId: 'SG1-000001_site_0' },
      time: now,
      message_type: 'get_future_schedules',
      fields: {},
    });
    const list = await waitFor('get_future_schedules_ack', () => acks()[1]);
    expect(list.body['data']).toMatchObject({
      message_type: 'get_future_schedules_ack',
      state: {
        schedules: [
          { id: 1, device_type: 'storage', start_time: now + 600, end_time: now + 1200, policy: 'cost' },
        ],
      },
    });
    await app.publish(
      scheduleTopic('SG1-000001'),
      setSchedules(
        [{ device_type: 'storage', start_time: now + 10, end_time: now, policy: 'cost' }],
        'SG1-000001',
      ),
    );
    const refusal = await waitFor('refusal', () => acks()[2]);
    expect(refusal.body['data']).toMatchObject({
      message_type: 'set_schedules_ack',
      responseCode: 3,
      error: expect.any(String),
    });
  });

  it('falls back to local control at the fallback timeout (±1 s)', async () => {
    const { app, records, feedbackOf } = await setup({ fallbackTimeoutS: 2 });
    await app.publish(commandTopic('SG1-000001'), setpoint(1500));
    const fb = await waitFor(
      'fallback',
      () => records.find((r): r is FallbackRecord => r.type === 'fallback'),
      6000,
    );
    expect(fb.fallbackAtMs - fb.lastCommandAtMs).toBe(2000);
    expect(fb.detectedAtMs - fb.fallbackAtMs).toBeLessThanOrEqual(1000);
    const fellBackAt = Date.now();
    const after = await waitFor('feedback after fallback', () => feedbackOf('SG1-000001', fellBackAt)[0]);
    expect(feedbackFields(after).state['storage']?.['control_source']).toBe('local');
  });

  it('reconnects and resubscribes after the broker restarts', async () => {
    const { app, fleet, feedbackOf } = await setup();
    broker.kill();
    await broker.restart();
    await waitFor('controllers reconnected', () => fleet.connectedCount() === 2, 10_000);
    await waitFor('app reconnected', () => app.client.connected);
    const sentAt = Date.now();
    await app.publish(commandTopic('SG1-000002'), setpoint(500, {}, 'SG1-000002'));
    const answer = await waitFor('answer after restart', () =>
      feedbackOf('SG1-000002', sentAt).find(
        (m) => feedbackFields(m).state['storage']?.['control_source'] === 'live',
      ),
    );
    expect(feedbackFields(answer).response_code).toBe(0);
  });

  it('cuts and restores connections with --disconnect-every-s', async () => {
    const { app, records, fleet, feedbackOf } = await setup({ disconnectEveryS: 2 });
    await waitFor(
      'a forced disconnect and a reconnection',
      () => {
        const i = records.findIndex((r) => r.type === 'connection' && r.state === 'forced-disconnect');
        return i >= 0 && records.slice(i).some((r) => r.type === 'connection' && r.state === 'connected');
      },
      8000,
    );
    await waitFor('both connected', () => fleet.connectedCount() === 2, 8000);
    const sentAt = Date.now();
    // A command published while the link happens to be cut is lost (clean session), so keep refreshing.
    await waitFor(
      'an answer between cuts',
      async () => {
        if (
          feedbackOf('SG1-000001', sentAt).some(
            (m: Received) => feedbackFields(m).state['storage']?.['control_source'] === 'live',
          )
        )
          return true;
        await app.publish(commandTopic('SG1-000001'), setpoint(700));
        return false;
      },
      8000,
      200,
    );
  });
});

describe('shared connection', () => {
  it('serves 200 controllers over one connection', async () => {
    const { app, fleet, feedbackOf } = await setup({
      controllers: 200,
      sharedConnection: true,
      feedbackPeriodS: 30,
    });
    expect(fleet.connectedCount()).toBe(1);
    const sentAt = Date.now();
    const serials = fleet.controllers.map((c) => c.spec.serial);
    await Promise.all(serials.map((s) => app.publish(commandTopic(s), setpoint(-1000, {}, s))));
    await waitFor(
      '200 answers',
      () =>
        serials.every((s) =>
          feedbackOf(s, sentAt).some(
            (m) => feedbackFields(m).state['storage']?.['control_source'] === 'live',
          ),
        ),
      10_000,
    );
    for (const s of serials) {
      const answer = feedbackOf(s, sentAt).find(
        (m) => feedbackFields(m).state['storage']?.['control_source'] === 'live',
      );
      expect(answer && feedbackFields(answer).response_code).toBe(0);
    }
    // A serial outside the fleet is ignored. Messages on one connection stay in order, so once the
    // command sent after it is answered, the foreign one has been seen (and must not have been answered).
    await app.publish(commandTopic('SG1-999999'), setpoint(100, {}, 'SG1-999999'));
    const markerAt = Date.now();
    await app.publish(commandTopic('SG1-000007'), command({ storage_policy: 'x' }, {}, 'SG1-000007'));
    await waitFor('marker answer', () =>
      feedbackOf('SG1-000007', markerAt).some((m) => feedbackFields(m).response_code === 2),
    );
    expect(feedbackOf('SG1-999999')).toHaveLength(0);
  });
});
