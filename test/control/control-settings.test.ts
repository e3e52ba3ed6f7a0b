/**
 * The limits of live control in Settings, through the API the Settings and Control pages use:
 * stored and merged like the other settings, and read by control at each dry-run and send.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { generateFleet } from '../../electron/simulator';
import type { DryRun } from '../../shared/domain/control/dry-run';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { readSettings } from '../../shared/domain/settings-read';
import { callCore, makeCore } from '../support/core-harness';
import { onboardingDrafts } from './reliability/support/fleet-seed';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

describe('live control limits in Settings', () => {
  it('fills them in for settings saved before they existed, keeping the rest', () => {
    const read = readSettings({ schemaVersion: 1, operatorName: 'Ann', control: { confirmAboveHomes: 25 } });
    expect(read.ok && read.value.control).toEqual({ ...DEFAULT_SETTINGS.control, confirmAboveHomes: 25 });
    const older = readSettings({ schemaVersion: 1, operatorName: 'Ann' });
    expect(older.ok && older.value.control).toEqual({
      publishesPerSecond: 1000,
      confirmAboveHomes: 10,
      confirmAboveKw: 500,
    });
  });

  it('changes what a dry-run asks the operator to confirm, at once, and refuses nonsense', async () => {
    core = makeCore();
    await core.start();
    const specs = generateFleet({ count: 4, seed: 11, serialStart: 9100, fallbackTimeoutS: 60 }).controllers;
    await core.services().inventory.commit(onboardingDrafts(specs));
    const serials = specs.map((c) => c.serial);
    const dryRun = () =>
      callCore<DryRun>(core!, 'control.dryRun', {
        serials,
        command: { storage: { policy: 'cost' } },
        hold: false,
      });
    expect((await dryRun()).confirmation).toEqual({ kind: 'none' });

    const saved = await callCore<Settings>(core, 'settings.update', { control: { confirmAboveHomes: 3 } });
    expect(saved.control).toEqual({ ...DEFAULT_SETTINGS.control, confirmAboveHomes: 3 });
    expect((await dryRun()).confirmation).toMatchObject({ kind: 'typed-homes', homes: 4 });

    // By power: the four batteries' rated power is above 1 kW.
    await callCore(core, 'settings.update', { control: { confirmAboveHomes: 100, confirmAboveKw: 1 } });
    expect((await dryRun()).confirmation).toMatchObject({
      kind: 'typed-homes',
      why: expect.stringContaining('at stake (more than 1 kW)'),
    });

    const refused = await core.call('settings.update', { control: { publishesPerSecond: 0 } });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toMatch(/publishesPerSecond/);
    expect((await callCore<Settings>(core, 'settings.get')).control.publishesPerSecond).toBe(1000);
  });
});
