import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemo, type RunningDemo } from '../../electron/demo/start-demo';
import { createLogger } from '../../electron/core/logger';
import type { ControlOverview, InstallationControl } from '../../shared/contract/control-methods';
import type { DryRun } from '../../shared/domain/control/dry-run';
import type { FleetCounters, FleetRow } from '../../shared/domain/fleet/fleet-row';
import { callCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

let demo: RunningDemo;
const dirs = [tempDir(), tempDir()];

beforeAll(async () => {
  writeFileSync(join(dirs[1]!.path, 'index.html'), '<!doctype html><title>t</title>');
  demo = await startDemo({
    dataDir: dirs[0]!.path,
    controllers: 6,
    uiPort: 0,
    seed: 3,
    rendererDir: dirs[1]!.path,
    version: '0',
    log: createLogger('silent'),
    healthPeriodS: 1,
  });
});
afterAll(async () => {
  await demo?.stop();
  dirs.forEach((d) => d.remove());
});

const call = <T>(method: string, request?: unknown): Promise<T> =>
  callCore<T>(demo.host.core, method, request);

describe('controlling the demo fleet through the core API', () => {
  it('connects to the embedded broker at start and shows live values from feedback', async () => {
    expect((await call<ControlOverview>('control.overview')).link).toMatchObject({
      state: 'connected',
      protocolVersion: 4,
    });
    await vi.waitFor(
      async () => expect((await call<{ rows: FleetRow[] }>('fleet.list')).rows.length).toBe(6),
      { timeout: 15_000 },
    );
    // Feedback every 10 s by default: the first one carries the battery's live power.
    await vi.waitFor(
      async () =>
        expect((await call<{ rows: FleetRow[] }>('fleet.list')).rows.some((r) => r.storageW !== null)).toBe(
          true,
        ),
      {
        timeout: 20_000,
        interval: 250,
      },
    );
  });

  it('previews, sends and confirms a storage setpoint, then releases the lease', async () => {
    const { rows } = await call<{ rows: FleetRow[] }>('fleet.list');
    const serial = rows[0]!.serial;
    const command = { storage: { policy: 'setpoint', setpointW: -1000 } };
    const preview = await call<DryRun>('control.dryRun', { serials: [serial], command, hold: true });
    expect(preview.valid).toEqual([serial]);
    expect(preview.targets[0]?.message?.topic).toBe(`standard1/rp_one_s/remoteControlMetrics/${serial}`);
    expect(await call('control.send', { serials: [serial], command, hold: true })).toMatchObject({
      ok: true,
      sent: 1,
    });
    await vi.waitFor(
      async () =>
        expect((await call<ControlOverview>('control.overview')).commands[0]).toMatchObject({
          serial,
          command,
          state: 'confirmed',
        }),
      { timeout: 20_000, interval: 250 },
    );
    expect((await call<ControlOverview>('control.overview')).leases.map((l) => l.serial)).toContain(serial);
    // The installation's own page: held, until when, and its command; another installation is not.
    const mine = await call<InstallationControl>('control.installation', { serial });
    expect(mine.linkState).toBe('connected');
    expect(mine.lease).toMatchObject({ serial, held: true, groups: ['storage'] });
    expect(mine.lease?.lapsesAt).toBeGreaterThan(Date.now());
    expect(mine.commands.map((c) => [c.serial, c.state])).toEqual([[serial, 'confirmed']]);
    // The fleet table says it is under control, and counts it.
    await vi.waitFor(
      async () => {
        const fleet = await call<{ rows: FleetRow[]; counters: FleetCounters }>('fleet.list');
        expect(fleet.rows.find((r) => r.serial === serial)?.underControl).toBe(true);
        expect(fleet.counters.underControl).toBe(1);
      },
      { timeout: 10_000, interval: 100 },
    );
    const other = await call<InstallationControl>('control.installation', { serial: rows[1]!.serial });
    expect(other).toMatchObject({ lease: null, commands: [] });
    await expect(call('control.installation', { serial: 'SG1-NOPE' })).rejects.toThrow(
      /Unknown installations/,
    );
    expect(await call('control.release', { serial: 'all' })).toEqual({ released: 1 });
    // Nothing tells the controller to stop: it keeps the command until its fallback timeout, and
    // every view says so (releasing until then), none says local control yet.
    const released = (await call<InstallationControl>('control.installation', { serial })).lease;
    expect(released).toMatchObject({ serial, held: false, status: 'releasing', groups: ['storage'] });
    expect(released?.lapsesAt).toBeGreaterThan(Date.now());
    await vi.waitFor(
      async () => {
        const fleet = await call<{ rows: FleetRow[]; counters: FleetCounters }>('fleet.list');
        const row = fleet.rows.find((r) => r.serial === serial);
        expect(row).toMatchObject({ underControl: true, control: 'releasing', localBy: released?.lapsesAt });
        expect(fleet.counters.underControl).toBe(1);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect((await call<ControlOverview>('control.overview')).leases.filter((l) => l.held)).toEqual([]);
  });

  it('releases a held installation the moment its controller is offboarded', async () => {
    const { rows } = await call<{ rows: FleetRow[] }>('fleet.list');
    const serial = rows[2]!.serial;
    const command = { storage: { policy: 'setpoint', setpointW: 500 } };
    expect(await call('control.send', { serials: [serial], command, hold: true })).toMatchObject({
      ok: true,
    });
    await vi.waitFor(
      async () =>
        expect((await call<InstallationControl>('control.installation', { serial })).lease).toMatchObject({
          status: 'held',
        }),
      { timeout: 20_000, interval: 250 },
    );
    const { secret } = await call<{ secret: string }>('tokens.create', { label: 'offboarding test', serial });
    const answer = await fetch(`${demo.host.listenerUrl}/v1/offboarding`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serialNumber: serial }),
    });
    expect(answer.status).toBe(202);
    // No refresh waits for its turn: the lease ends with the offboarding, and says so. The external
    // signal was removed (protocol.md §4): local control at once, not "releasing" until the timeout.
    await vi.waitFor(
      async () =>
        expect(await call<InstallationControl>('control.installation', { serial })).toMatchObject({
          lease: null,
          commands: [expect.objectContaining({ state: 'released' })],
        }),
      { timeout: 5_000, interval: 100 },
    );
  });

  it('refuses a setpoint beyond the battery rating before anything is published', async () => {
    const { rows } = await call<{ rows: FleetRow[] }>('fleet.list');
    const answer = await call<{ ok: boolean; code?: string }>('control.send', {
      serials: [rows[0]!.serial],
      command: { storage: { policy: 'setpoint', setpointW: 1_000_000 } },
      hold: false,
    });
    expect(answer).toMatchObject({ ok: false, code: 'invalid' });
  });
});
