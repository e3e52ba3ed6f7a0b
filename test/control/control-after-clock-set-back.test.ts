/**
 * Pacing is a duration: a wall clock set back while a battery is held (NTP, the operator fixing the
 * time, a resumed VM) must not stop its refreshes or hold back new commands for the length of the jump.
 */
import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { shiftWallClock } from '../support/wall-clock';
import { fakeService, flush, run } from './support/fake-port-harness';

const HOUR = 3_600_000;

const holdAt = (setpointW: number): ControlCommand => ({
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW } },
});

/** One controller holding 2,000 W (fallback timeout 60 s, so a refresh every 20 s). */
async function heldLease() {
  const h = fakeService();
  const serial = h.serials[0]!;
  await h.service.send([serial], holdAt(2000));
  h.confirmStorage(serial, 2000);
  await flush(10);
  expect(h.service.lease(serial)?.status).toBe('held');
  return { h, serial };
}

const setpoints = (h: ReturnType<typeof fakeService>) =>
  h.publishes.map((p) => JSON.parse(p.payload).fields.storage_power_setpoint_W);

describe('control after the wall clock is set back an hour', () => {
  it('keeps refreshing a held lease every third of the fallback timeout', async () => {
    const { h } = await heldLease();
    shiftWallClock(h.clock, -HOUR);
    await run(h.clock, 41_000, 500);
    expect(h.publishes.length, 'publishes after 41 s: the command and two refreshes').toBe(3);
    h.service.stop();
  });

  it('sends a new command to the same controller at once, not an hour later', async () => {
    const { h, serial } = await heldLease();
    shiftWallClock(h.clock, -HOUR);
    await run(h.clock, 5_000, 500);
    const pending = h.service.send([serial], holdAt(1000));
    await run(h.clock, 5_000, 500);
    expect(setpoints(h)).toContain(1000);
    const sent = await pending;
    expect(sent.ok && sent.results[0]?.ok).toBe(true);
    h.service.stop();
  });
});
