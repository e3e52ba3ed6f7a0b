/**
 * EC-3, the host dies: the real headless host (a child process) holds leases on six simulated
 * controllers (two fallback timeouts), then gets SIGKILL. Nothing refreshes the leases, so each
 * controller must return to local control at its own timeout ± 1 s after the last command it got
 * (the simulator's log says when). Started again on the same data dir, the host shows every one of
 * those commands as lapsed, with the time the controller really fell back, and no lease in force.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  constantEnvironment,
  startFleet,
  type Fleet,
  type FallbackRecord,
  type RunRecord,
} from '../../../electron/simulator';
import type { ControlOverview } from '../../../shared/contract/control-methods';
import type { InstallationView } from '../../../shared/domain/fleet/installation-view';
import { makeCore } from '../../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../../support/mosquitto';
import { tempDir } from '../../support/temp-dir';
import { waitFor } from '../../simulator/wait-for';
import { apiClient, startHost, type HostChild } from '../../reliability/support/host-child';
import { commandsOf } from '../support/log-checks';
import { onboardingDrafts } from './support/fleet-seed';

const TOKEN = 'reliability-lease-kill-token-01';
const dir = tempDir('fleetdesk-lease-kill-');
const dataDir = join(dir.path, 'data');
let broker: MosquittoBroker;
const fleets: Fleet[] = [];
const records: RunRecord[] = [];
const hosts: HostChild[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  // Two fallback timeouts, so "at its timeout" is checked per controller, not as one shared figure.
  for (const [serialStart, fallbackTimeoutS] of [
    [7300, 4],
    [7400, 7],
  ] as const) {
    fleets.push(
      await startFleet({
        controllers: 3,
        serialStart,
        seed: serialStart,
        brokerUrl: broker.url,
        fallbackTimeoutS,
        feedbackPeriodS: 2,
        tickMs: 100,
        logFile: join(dir.path, `simulator-${serialStart}.jsonl`),
        onRecord: (r) => records.push(r),
        environment: () => constantEnvironment(2000, 1000),
      }),
    );
  }
});

afterAll(async () => {
  for (const h of hosts) await h.kill();
  for (const f of fleets) await f.stop();
  await broker?.stop();
  dir.remove();
});

describe('host killed while holding leases', () => {
  it('each controller falls back at its timeout ± 1 s; after a restart the host shows them lapsed', async () => {
    const specs = fleets.flatMap((f) => f.controllers.map((c) => c.spec));
    const serials = specs.map((s) => s.serial);
    const timeoutOf = new Map(specs.map((s) => [s.serial, s.fallbackTimeoutS]));
    // The inventory as onboarding would have left it.
    const seed = makeCore(dataDir);
    await seed.start();
    await seed.services().inventory.commit(onboardingDrafts(specs));
    await seed.stop();

    const host = await startHost(dataDir, TOKEN);
    hosts.push(host);
    const api = await apiClient(host.uiUrl);
    await api.call('broker.connect', { url: broker.url });
    await waitFor(
      'link up',
      async () => (await api.call<ControlOverview>('control.overview')).link.state === 'connected',
      10_000,
    );
    const sent = await api.call('control.send', {
      serials,
      command: { storage: { policy: 'setpoint', setpointW: 500 } },
      hold: true,
      reason: 'EC-3 host kill',
    });
    expect(sent).toMatchObject({ ok: true, sent: serials.length, failed: [] });
    const held = await waitFor(
      'every command confirmed and each lease refreshed twice',
      async () => {
        const o = await api.call<ControlOverview>('control.overview');
        const ok =
          o.commands.length === serials.length &&
          o.commands.every((c) => c.state === 'confirmed') &&
          o.leases.length === serials.length &&
          o.leases.every((l) => l.refreshes >= 2);
        return ok ? o : undefined;
      },
      20_000,
    );
    api.close();

    expect(await host.kill()).toBe('SIGKILL');
    const killedAt = Date.now();

    const fallbacks = await waitFor(
      'every controller back in local control',
      () => {
        const found = serials.map((s) =>
          records.find((r): r is FallbackRecord => r.type === 'fallback' && r.serial === s),
        );
        return found.every((f) => f !== undefined) ? (found as FallbackRecord[]) : undefined;
      },
      7000 + 5000,
    );
    for (const f of fallbacks) {
      const timeoutMs = (timeoutOf.get(f.serial) ?? 0) * 1000;
      // The last command it got came from the host before it died, and its lease counts from when
      // it was applied (a millisecond may pass between arrival and application) …
      const last = commandsOf(records, f.serial)
        .filter((c) => c.outcome === 'applied')
        .at(-1);
      expect(last?.appliedAtMs).toBe(f.lastCommandAtMs);
      expect(last?.receivedAtMs).toBeLessThanOrEqual(killedAt);
      expect(f.lastCommandAtMs).toBeLessThanOrEqual(killedAt);
      // … and it fell back one fallback timeout after it, as the controller noticed it (± 1 s).
      expect(Math.abs(f.detectedAtMs - f.lastCommandAtMs - timeoutMs)).toBeLessThanOrEqual(1000);
      expect(f.detectedAtMs - killedAt).toBeLessThanOrEqual(timeoutMs + 1000);
    }
    expect(commandsOf(records).filter((c) => c.receivedAtMs > killedAt)).toEqual([]);

    // Back up on the same data dir: the leases are shown lapsed, at the time each controller fell back.
    const again = await startHost(dataDir, TOKEN);
    hosts.push(again);
    const api2 = await apiClient(again.uiUrl);
    try {
      const overview = await api2.call<ControlOverview>('control.overview');
      expect(overview.leases).toEqual([]);
      expect(overview.commands.map((c) => c.state).sort()).toEqual(serials.map(() => 'lapsed'));
      expect(new Set(overview.commands.map((c) => c.commandId))).toEqual(
        new Set(held.commands.map((c) => c.commandId)),
      );
      for (const f of fallbacks) {
        const view = await api2.call<InstallationView>('installation.get', { serial: f.serial });
        const lapsed = view.timeline.find(
          (t) => t.type === 'command.outcome' && t.detail['state'] === 'lapsed',
        );
        expect(lapsed, f.serial).toBeDefined();
        expect(Math.abs((lapsed?.at ?? 0) - f.fallbackAtMs), f.serial).toBeLessThanOrEqual(1000);
      }
    } finally {
      api2.close();
    }
  }, 90_000);
});
