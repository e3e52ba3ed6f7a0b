import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import type { Clock } from '../../electron/core/clock';
import { FleetView, ROWS_PER_SLICE } from '../../electron/core/fleet/fleet-view';
import { fleetCounters } from '../../electron/core/fleet/fleet-rows';
import type { FleetCounters } from '../../shared/domain/fleet/fleet-row';
import type { LeaseStatus, LeaseView } from '../../shared/domain/control/lease';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];

/** What control's lease list says of one installation (only what the fleet reads of it). */
const leaseOf = (serial: string, status: LeaseStatus, lapsesAt: number): LeaseView => ({
  serial,
  groups: ['storage'],
  commandIds: ['c'],
  held: status === 'held',
  status,
  fallbackS: 60,
  refreshEveryMs: 20_000,
  lastDeliveredAt: lapsesAt - 60_000,
  lapsesAt,
  refreshes: 0,
  refused: 0,
});
const heldLeases = (...serials: string[]) => serials.map((s) => leaseOf(s, 'held', 1_000_000));
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('fleet view batches', () => {
  it('sends a change to thousands of rows in bounded batches, every row exactly once', async () => {
    const dir = tempDir('fleetdesk-fleet-view-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    const count = 4500;
    await Promise.all(
      Array.from({ length: count }, (_, i) => inventory.commit([onboardingDraft(serialOf(i), 1000 + i)])),
    );
    const events = new CoreEvents();
    const batches: string[][] = [];
    events.on('fleet.changed', (change) => batches.push(change.upserts.map((r) => r.serial)));
    // Rows recomputed per turn of the event loop: each read of an installation is one row.
    let rowsThisTurn = 0;
    const rowsPerTurn: number[] = [];
    const counted = Object.create(inventory) as typeof inventory;
    counted.getInstallation = (serial) => {
      rowsThisTurn += 1;
      return inventory.getInstallation(serial);
    };
    const turns: Clock = {
      ...clock,
      setTimeout: (fn, ms) =>
        clock.setTimeout(() => {
          rowsThisTurn = 0;
          fn();
          rowsPerTurn.push(rowsThisTurn);
        }, ms),
    };
    const view = new FleetView({
      inventory: counted,
      settings: () => DEFAULT_SETTINGS,
      clock: turns,
      events,
    });
    view.onCommitted(
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          inventory.commit([healthDraft(serialOf(i), Date.now(), 'error')]).then((e) => e[0]!),
        ),
      ),
    );
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(count), { timeout: 20_000 });
    // Bounded work per turn keeps the event loop free for the listener; the UI still gets a few
    // large batches rather than one per slice.
    expect(Math.max(...rowsPerTurn)).toBe(ROWS_PER_SLICE);
    expect(rowsPerTurn.reduce((a, b) => a + b, 0)).toBe(count);
    expect(batches.length).toBe(3);
    expect(Math.max(...batches.map((b) => b.length))).toBe(2000);
    expect(new Set(batches.flat()).size).toBe(count);
    expect(view.list().rows.filter((r) => r.health === 'error')).toHaveLength(count);
    view.stop();
    await inventory.close();
  });

  it('keeps the counters equal to a recount of the rows as rows change, and sends them with each batch', async () => {
    const dir = tempDir('fleetdesk-fleet-view-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    for (let i = 0; i < 40; i += 1) await inventory.commit([onboardingDraft(serialOf(i), 1000 + i)]);
    const events = new CoreEvents();
    const sent: FleetCounters[] = [];
    events.on('fleet.changed', (change) => sent.push(change.counters));
    const view = new FleetView({ inventory, settings: () => DEFAULT_SETTINGS, clock, events });
    const start = view.list();
    expect(start.counters).toEqual(fleetCounters(start.rows));
    expect(start.counters.installations).toBe(40);
    // Health turns bad, then half of it recovers: "unhealthy" goes up by 10, then down by 5.
    const unhealthy = start.counters.unhealthy;
    const report = async (from: number, to: number, status: 'error' | 'ok') =>
      view.onCommitted(
        (
          await Promise.all(
            Array.from({ length: to - from }, (_, i) =>
              inventory.commit([healthDraft(serialOf(from + i), Date.now(), status)]),
            ),
          )
        ).flat(),
      );
    await report(0, 10, 'error');
    await vi.waitFor(() => expect(sent.at(-1)?.unhealthy).toBe(unhealthy + 10));
    await report(0, 5, 'ok');
    await vi.waitFor(() => expect(sent.at(-1)?.unhealthy).toBe(unhealthy + 5));
    const end = view.list();
    expect(end.counters).toEqual(fleetCounters(end.rows));
    expect(end.counters.installations).toBe(40);
    view.stop();
    await inventory.close();
  });

  it('marks the installations under control as leases start and end, and counts them', async () => {
    const dir = tempDir('fleetdesk-fleet-view-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    for (let i = 0; i < 5; i += 1) await inventory.commit([onboardingDraft(serialOf(i), 1000 + i)]);
    const events = new CoreEvents();
    const sent: Array<{ serials: string[]; underControl: number }> = [];
    events.on('fleet.changed', (change) =>
      sent.push({ serials: change.upserts.map((r) => r.serial), underControl: change.counters.underControl }),
    );
    const view = new FleetView({ inventory, settings: () => DEFAULT_SETTINGS, clock, events });
    const held = () =>
      view
        .list()
        .rows.filter((r) => r.underControl)
        .map((r) => r.serial);
    expect(held()).toEqual([]);
    view.leasesChanged(heldLeases(serialOf(1), serialOf(3)));
    await vi.waitFor(() => expect(sent.at(-1)?.underControl).toBe(2));
    expect(sent.at(-1)?.serials.sort()).toEqual([serialOf(1), serialOf(3)]);
    // A refresh that keeps the same leases held changes no row; one released, one taken: two rows.
    view.leasesChanged(heldLeases(serialOf(1), serialOf(3)));
    view.leasesChanged(heldLeases(serialOf(3), serialOf(4)));
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ serials: expect.arrayContaining([serialOf(1), serialOf(4)]), underControl: 2 });
    expect(sent[1]?.serials).toHaveLength(2);
    expect(held().sort()).toEqual([serialOf(3), serialOf(4)]);
    const end = view.list();
    expect(end.counters).toEqual(fleetCounters(end.rows));
    view.stop();
    await inventory.close();
  });

  it('keeps a released or unheld command under control until its fallback timeout, with that time', async () => {
    const dir = tempDir('fleetdesk-fleet-view-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    for (let i = 0; i < 3; i += 1) await inventory.commit([onboardingDraft(serialOf(i), 1000 + i)]);
    const view = new FleetView({
      inventory,
      settings: () => DEFAULT_SETTINGS,
      clock,
      events: new CoreEvents(),
    });
    const localBy = 1_764_000_000_000;
    view.leasesChanged([
      leaseOf(serialOf(0), 'held', localBy),
      leaseOf(serialOf(1), 'releasing', localBy),
      leaseOf(serialOf(2), 'unheld', localBy + 5000),
    ]);
    const rows = new Map(view.list().rows.map((r) => [r.serial, r]));
    // Held: refreshed, so no end time on the row (a refresh must not touch 10,000 rows).
    expect(rows.get(serialOf(0))).toMatchObject({ underControl: true, control: 'held', localBy: null });
    expect(rows.get(serialOf(1))).toMatchObject({ underControl: true, control: 'releasing', localBy });
    expect(rows.get(serialOf(2))).toMatchObject({ control: 'unheld', localBy: localBy + 5000 });
    expect(view.list().counters.underControl).toBe(3);
    // Its fallback timeout ran out: control no longer lists it, and it is local.
    view.leasesChanged([leaseOf(serialOf(0), 'held', localBy + 20_000)]);
    const after = view.list();
    expect(after.rows.find((r) => r.serial === serialOf(1))).toMatchObject({
      underControl: false,
      control: 'local',
    });
    expect(after.counters).toEqual(fleetCounters(after.rows));
    expect(after.counters.underControl).toBe(1);
    view.stop();
    await inventory.close();
  });
});
