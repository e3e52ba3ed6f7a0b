/**
 * A lease lapses one fallback timeout after its last delivery, whatever the wall clock says in
 * between (NTP, the operator fixing the time, a resumed VM): the lapse, and how long a released
 * controller still follows our command, are durations timed on the monotonic clock.
 */
import { describe, expect, it } from 'vitest';
import type { LinkState } from '../../electron/core/broker/broker-port';
import { shiftWallClock } from '../support/wall-clock';
import { fakeService, flush, run } from './support/fake-port-harness';
import { holdStorage } from './support/lease-fixtures';

const HOUR = 3_600_000;

/** One controller holding 2,000 W (fallback timeout 60 s, so a refresh every 20 s). */
async function heldLease() {
  const h = fakeService();
  const serial = h.serials[0]!;
  const sent = await h.service.send([serial], holdStorage(2000));
  const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
  h.confirmStorage(serial, 2000);
  await flush(10);
  expect(h.service.lease(serial)?.status).toBe('held');
  return { h, serial, id };
}

describe('a lease and a wall clock set back or forward an hour', () => {
  it('a lease whose refreshes stop is seen to lapse one fallback timeout after its last delivery', async () => {
    const { h, serial, id } = await heldLease();
    shiftWallClock(h.clock, -HOUR);
    // The link drops at once: nothing more is delivered, and the controller falls back 60 s later.
    const down: LinkState = { kind: 'reconnecting', since: h.clock.now(), attempt: 1, lastError: 'gone' };
    h.setLink(down);
    await run(h.clock, 70_000, 1000);
    expect(h.service.command(id)?.state.state, 'command state 70 s after the last delivery').toBe('lapsed');
    expect(h.service.lease(serial)).toBeUndefined();
    h.service.stop();
  });

  it('a battery released after a set-back is shown releasing for the rest of its timeout, not an hour more', async () => {
    const { h, serial } = await heldLease();
    shiftWallClock(h.clock, -HOUR);
    await h.service.release(serial);
    expect(h.service.lease(serial)?.status).toBe('releasing');
    await run(h.clock, 61_000, 1000);
    expect(h.service.lease(serial), 'back in local control 61 s after the last delivery').toBeUndefined();
    h.service.stop();
  });

  it('a battery released after a set-forward is shown releasing until its timeout runs out', async () => {
    const { h, serial } = await heldLease();
    shiftWallClock(h.clock, HOUR);
    await h.service.release(serial);
    // The controller keeps the last command for its fallback timeout: not back in local control yet.
    expect(h.service.lease(serial)?.status).toBe('releasing');
    await run(h.clock, 61_000, 1000);
    expect(h.service.lease(serial)).toBeUndefined();
    h.service.stop();
  });
});
