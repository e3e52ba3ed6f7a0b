/**
 * A real core for the control benchmarks: a temp data dir with `n` simulated installations
 * onboarded (as the listener would have journaled them), connected to the broker, with every
 * feedback subscription confirmed by the broker before it returns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../electron/core/clock';
import type { ControlOptions } from '../../../electron/core/control';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createLogger } from '../../../electron/core/logger';
import { confStoreOpener } from '../../../electron/host/conf-store';
import { generateFleet, type GenerateOptions } from '../../../electron/simulator';
import { onboardingDrafts } from '../../control/reliability/support/fleet-seed';
import { waitFor } from '../../simulator/wait-for';

export type BenchCore = { core: Core; serials: string[]; dataDir: string; stop(): Promise<void> };

export async function startControlCore(
  brokerUrl: string,
  fleet: GenerateOptions,
  control: Partial<ControlOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'fleetdesk-bench-control-')),
): Promise<BenchCore> {
  const core = createCore({
    dataDir,
    clock: systemClock,
    openStore: confStoreOpener(dataDir),
    log: createLogger('silent'),
    host: 'headless',
    version: '0.0.0-bench',
    listener: { host: '127.0.0.1', port: 0 },
    control,
  });
  await core.start();
  const specs = generateFleet(fleet).controllers;
  const s = core.services();
  if (s.inventory.listInstallations().length === 0)
    for (let i = 0; i < specs.length; i += 2000)
      await s.inventory.commit(onboardingDrafts(specs.slice(i, i + 2000)));
  await s.broker.connect({ id: 'bench', name: 'bench broker', url: brokerUrl });
  await waitFor(
    'every feedback subscription confirmed',
    () => {
      const d = s.broker.diagnostics();
      return (
        d.state.kind === 'connected' &&
        d.subscriptions.total >= specs.length &&
        d.subscriptions.confirmed === d.subscriptions.total
      );
    },
    120_000,
    100,
  );
  return {
    core,
    serials: specs.map((c) => c.serial),
    dataDir,
    async stop() {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
