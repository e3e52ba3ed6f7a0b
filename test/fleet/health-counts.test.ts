import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { DataService } from '../../electron/core/data/data-service';
import { CoreEvents } from '../../electron/core/events';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';
import { healthDraft, offboardingDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const HOUR = 3_600_000;

async function fleetOf(
  build: (now: number) => Parameters<Awaited<ReturnType<typeof openInventory>>['inventory']['commit']>[0],
) {
  const dir = tempDir('fleetdesk-health-counts-');
  dirs.push(dir);
  const { inventory, clock } = await openInventory(dir.path);
  await inventory.commit(build(Date.now()));
  const events = new CoreEvents();
  const view = new FleetView({ inventory, settings: () => DEFAULT_SETTINGS, clock, events });
  const data = new DataService({
    dataDir: dir.path,
    inventory,
    clock,
    operator: () => 'Ann',
    events,
    healthOf: (serial) => view.health(serial),
  });
  return {
    view,
    data,
    close: async () => {
      view.stop();
      await inventory.close();
    },
  };
}

describe('fleet health counters', () => {
  it('count an error as unhealthy only while the installation is onboarded', async () => {
    const now = Date.now();
    const fleet = await fleetOf(() => [
      onboardingDraft('SG1-ACTIVE', now - 2_000),
      healthDraft('SG1-ACTIVE', now - 1_000, 'error'),
      onboardingDraft('SG1-LEFT', now - 2_000),
      healthDraft('SG1-LEFT', now - 1_000, 'error'),
      offboardingDraft('SG1-LEFT', now - 500),
    ]);
    const { rows, counters } = fleet.view.list();
    // The row still shows what the controller last said; the counter asks for action on it only.
    expect(rows.find((r) => r.serial === 'SG1-LEFT')?.health).toBe('error');
    expect(counters.offboarded).toBe(1);
    expect(counters.unhealthy).toBe(1);
    await fleet.close();
  });
});

describe('installations export', () => {
  it('gives the health the Fleet page shows, stale included, beside the last reported status', async () => {
    const now = Date.now();
    const fleet = await fleetOf(() => [
      onboardingDraft('SG1-SILENT', now - 10 * HOUR),
      healthDraft('SG1-SILENT', now - 10 * HOUR, 'error'),
      onboardingDraft('SG1-FRESH', now - 2_000),
      healthDraft('SG1-FRESH', now - 1_000, 'warning'),
    ]);
    const rows = fleet.view.list().rows;
    expect(rows.find((r) => r.serial === 'SG1-SILENT')?.health).toBe('stale');
    const csv = Papa.parse<Record<string, string>>(fleet.data.exportCsv('installations').csv, {
      header: true,
      skipEmptyLines: true,
    }).data;
    const bySerial = new Map(csv.map((r) => [r['serial'], r]));
    expect(bySerial.get('SG1-SILENT')).toMatchObject({ health: 'stale', lastReportedHealth: 'error' });
    expect(bySerial.get('SG1-FRESH')).toMatchObject({ health: 'warning', lastReportedHealth: 'warning' });
    await fleet.close();
  });
});
