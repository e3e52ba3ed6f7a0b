import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { constantEnvironment } from '../../electron/simulator/environment';
import { startFleet, type Fleet, type FleetOptions } from '../../electron/simulator/fleet';
import type { CommandRecord, RunRecord } from '../../electron/simulator/run-record';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { connectApp } from './app-client';
import { command, setSchedules } from './fixtures';
import { waitFor } from './wait-for';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const SERIAL = 'SG1-000001';
const commandTopic = `standard1/rp_one_s/remoteControlMetrics/${SERIAL}`;
const scheduleTopic = `standard1/rp_one_s/remoteScheduleMetrics/${SERIAL}`;
const scheduleAckTopic = `standard1/outbound/remoteScheduleMetrics/feedback/${SERIAL}`;

/**
 * Runs a fleet with --persistent-session once so the broker keeps its session, stops it (the
 * controller goes quiet), lets `whileDown` publish, then starts the same fleet again.
 */
async function restartAfter(
  options: Partial<FleetOptions>,
  whileDown: (app: Awaited<ReturnType<typeof connectApp>>) => Promise<void>,
) {
  const fleetOptions: FleetOptions = {
    controllers: 1,
    seed: 2,
    brokerUrl: broker.url,
    cleanSession: false,
    environment: () => constantEnvironment(0, 800),
    ...options,
  };
  const first = await startFleet(fleetOptions);
  await first.stop();
  const app = await connectApp(broker.url);
  cleanups.push(app.close);
  await whileDown(app);
  const records: RunRecord[] = [];
  const second: Fleet = await startFleet({ ...fleetOptions, onRecord: (r) => records.push(r) });
  cleanups.push(() => second.stop());
  const commands = () => records.filter((r): r is CommandRecord => r.type === 'command');
  return { app, fleet: second, commands };
}

describe('simulate --persistent-session: the broker queues commands while a controller is down', () => {
  it.each([
    ['one connection per controller', false],
    ['--shared-connection', true],
  ])('applies a command the broker queued while the controller was down (%s)', async (_name, shared) => {
    const validUntil = Math.floor(Date.now() / 1000) + 120;
    const { fleet, commands } = await restartAfter({ sharedConnection: shared }, (app) =>
      app.publish(
        commandTopic,
        command({ storage_policy: 'setpoint', storage_power_setpoint_W: 500 }, { validUntil }, SERIAL),
      ),
    );
    await waitFor('the queued command to reach the controller', () => commands().length > 0);
    expect(commands().map((c) => c.outcome)).toEqual(['applied']);
    expect(fleet.controller(SERIAL)?.model.control().groups.storage).toMatchObject({
      policy: 'setpoint',
      setpointW: 500,
    });
  });

  it('stores a queued set_schedules and sends its ack once the controller is back', async () => {
    const start = Math.floor(Date.now() / 1000) + 600;
    const { app, fleet } = await restartAfter({}, (app) =>
      app.publish(
        scheduleTopic,
        setSchedules(
          [{ device_type: 'storage', start_time: start, end_time: start + 600, policy: 'cost' }],
          SERIAL,
        ),
      ),
    );
    const ack = await waitFor('the schedule ack', () =>
      app.messages.find((m) => m.topic === scheduleAckTopic),
    );
    expect(ack.body).toMatchObject({
      data: { message_type: 'set_schedules_ack', responseCode: 0, state: { schedule_ids: [1] } },
    });
    expect(fleet.controller(SERIAL)?.model.schedules.size).toBe(1);
  });
});
