/**
 * Offboarding means the external signal was removed from the controller: control is no longer
 * possible (protocol.md §4), so the controller is on local control at once. Unlike a release (the
 * controller keeps our last command until its fallback timeout), nothing is left "releasing".
 */
import { describe, expect, it } from 'vitest';
import type { OnboardingState } from '../../shared/domain/inventory/installation';
import { fakeService, flush, run } from './support/fake-port-harness';
import { committed, holdStorage } from './support/lease-fixtures';

async function heldBattery() {
  const h = fakeService(); // fallback timeout 60 s
  const serial = h.serials[0]!;
  await h.service.send([serial], holdStorage(2000));
  h.confirmStorage(serial, 2000);
  expect(h.service.lease(serial)?.status).toBe('held');
  return { h, serial };
}

function setOnboarding(h: ReturnType<typeof fakeService>, serial: string, onboarding: OnboardingState) {
  h.installs.set(serial, { ...h.installs.get(serial)!, onboarding });
}

describe('an installation offboarded while Fleetdesk controls it', () => {
  it('is not listed as still following our command: the external signal was removed', async () => {
    const { h, serial } = await heldBattery();
    const at = h.clock.now();
    setOnboarding(h, serial, { state: 'offboarded', since: at, reason: 'external signal removed' });
    h.service.onInventoryChanged([committed('callback.offboarding', serial)]);
    await flush(10);
    // Held, unheld or releasing all count as under control (the Fleet counter, the Control column).
    expect(h.service.lease(serial)).toBeUndefined();
    expect(h.service.leases()).toEqual([]);
    expect(h.journal.find((d) => d.type === 'lease.released')).toMatchObject({
      reason: expect.stringContaining('offboarded'),
      localAt: at,
    });
    h.service.stop();
  });

  it('also ends a release it was still following until its fallback timeout', async () => {
    const { h, serial } = await heldBattery();
    await h.service.release(serial);
    expect(h.service.lease(serial)?.status).toBe('releasing');
    await run(h.clock, 5_000, 500);
    setOnboarding(h, serial, {
      state: 'offboarded',
      since: h.clock.now(),
      reason: 'external signal removed',
    });
    h.service.onInventoryChanged([committed('callback.offboarding', serial)]);
    expect(h.service.lease(serial)).toBeUndefined();
    h.service.stop();
  });

  it('a rejected installation still follows the last command until its fallback timeout', async () => {
    const { h, serial } = await heldBattery();
    setOnboarding(h, serial, { state: 'rejected', since: h.clock.now(), reason: 'not our customer' });
    h.service.onInventoryChanged([committed('inbox.rejected', serial)]);
    await flush(10);
    // Rejecting it in the inbox does not remove the signal from the controller.
    expect(h.service.lease(serial)?.status).toBe('releasing');
    h.service.stop();
  });
});
