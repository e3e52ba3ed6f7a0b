/**
 * A lease re-sends its command for as long as it is held, so every refresh must pass the check a
 * new command passes: when the installation onboards again with a smaller battery, or none, the
 * dry-run refuses the command, and the refreshes must stop too, with the reason in the journal.
 */
import { describe, expect, it } from 'vitest';
import { fakeService, run } from './support/fake-port-harness';
import { committed, holdStorage, storageSetpointOf } from './support/lease-fixtures';

/** A battery held at `setpointW` on the default 5,000 W battery (fallback timeout 60 s). */
async function heldBattery(setpointW: number) {
  const h = fakeService();
  const serial = h.serials[0]!;
  const sent = await h.service.send([serial], holdStorage(setpointW));
  const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
  h.confirmStorage(serial, setpointW);
  expect(h.service.lease(serial)?.status).toBe('held');
  return { h, serial, id };
}

/** The controller onboards again with these devices (as the listener's commit reports it). */
function reonboard(h: ReturnType<typeof fakeService>, serial: string, devices: unknown[]) {
  const inst = h.installs.get(serial)!;
  h.installs.set(serial, { ...inst, devices: devices as typeof inst.devices });
  h.service.onInventoryChanged([committed('callback.onboarding', serial)]);
}

describe('a held lease after its installation onboards again with other devices', () => {
  it('never refreshes a setpoint beyond what the re-onboarded battery is rated for, and journals why', async () => {
    const { h, serial, id } = await heldBattery(4000);
    reonboard(h, serial, [
      { type: 'storage', nominalPowerW: 3000, capacityWh: 6000 },
      { type: 'solar', nominalPowerW: 6000 },
    ]);
    expect(h.service.dryRun([serial], holdStorage(4000)).targets[0]!.errors.join(' ')).toMatch(/storage/);
    const before = h.publishes.length;
    await run(h.clock, 45_000, 250); // two refresh periods (60 s / 3)
    const later = h.publishes.slice(before).map((p) => storageSetpointOf(p.payload));
    expect(later.filter((w) => w !== undefined && Math.abs(w) > 3000)).toEqual([]);
    expect(h.service.command(id)?.state.state).toBe('released');
    const released = h.journal.find((d) => d.type === 'lease.released');
    expect(released).toMatchObject({
      actor: 'control',
      reason: expect.stringMatching(/no longer fits the installation.*storage: setpoint 4000 W is outside/),
    });
    h.service.stop();
  });

  it('stops refreshing a battery the re-onboarded installation no longer has', async () => {
    const { h, serial } = await heldBattery(2000);
    reonboard(h, serial, [{ type: 'solar', nominalPowerW: 6000 }]);
    const before = h.publishes.length;
    await run(h.clock, 45_000, 250);
    expect(h.publishes.slice(before).filter((p) => storageSetpointOf(p.payload) !== undefined)).toEqual([]);
    const released = h.journal.find((d) => d.type === 'lease.released');
    expect(released).toMatchObject({ reason: expect.stringContaining('has no storage device') });
    h.service.stop();
  });

  it('releases the solar it also holds: refreshing solar alone would keep the battery on its last setpoint', async () => {
    const { h, serial } = await heldBattery(4000);
    const solar = h.service.send([serial], {
      kind: 'live',
      hold: true,
      command: { solar: { policy: 'curtail', setpointW: 3000 } },
    });
    await run(h.clock, 2_000, 100); // its pacing slot, a second after the battery's command
    await solar;
    expect(h.service.lease(serial)?.groups.sort()).toEqual(['solar', 'storage']);
    reonboard(h, serial, [
      { type: 'storage', nominalPowerW: 3000, capacityWh: 6000 },
      { type: 'solar', nominalPowerW: 6000 },
    ]);
    const before = h.publishes.length;
    await run(h.clock, 45_000, 250);
    // The controller keeps a group a command does not name, and every command renews its lease.
    expect(h.publishes.slice(before)).toEqual([]);
    expect(h.service.lease(serial)?.status).toBe('releasing');
    h.service.stop();
  });
});
