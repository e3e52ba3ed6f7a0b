/**
 * The operator's fallback timeout, through the API the installation page uses: journaled under the
 * operator's name, applied to the installation, kept across a reopen (snapshot or journal replay),
 * cleared back to onboarding's value, refused in words for an unknown serial or a value outside
 * 3–86,400 whole seconds, and read by control at once: an installation whose onboarding call did
 * not report a fallback timeout becomes controllable once the operator sets one.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { ActivityPage } from '../../shared/contract/activity-methods';
import type { DryRun, DryRunTarget } from '../../shared/domain/control/dry-run';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const WITH = 'SG1-FB-0001'; // onboarding reported 300 s
const WITHOUT = 'SG1-FB-0002'; // onboarding reported none

function onboarding(serial: string, fallbackTimeoutSeconds?: number): JournalDraft {
  return {
    type: 'callback.onboarding',
    at: Date.now(),
    actor: 'listener',
    serial,
    requestId: `req-${serial}`,
    headers: {},
    body: {
      serialNumber: serial,
      siteNodeId: `${serial}_site_0`,
      devices: [{ type: 'storage', nominalPowerW: 5000, capacityWh: 10000 }],
      ...(fallbackTimeoutSeconds !== undefined && { fallbackTimeoutSeconds }),
    },
  };
}

const dir = tempDir('fleetdesk-fallback-override-');
let core: Core | undefined;
afterAll(() => dir.remove());
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

async function open(dataDir = join(dir.path, `data-${Math.random().toString(36).slice(2)}`)) {
  core = makeCore(dataDir);
  await core.start();
  return { core, dataDir };
}

async function seeded() {
  const opened = await open();
  await opened.core.services().inventory.commit([onboarding(WITH, 300), onboarding(WITHOUT)]);
  await callCore(opened.core, 'settings.update', { operatorName: 'Ada' });
  return opened;
}

const setFallback = (c: Core, serial: string, seconds: number | null) =>
  callCore<InstallationView>(c, 'installation.setFallback', { serial, seconds });

const installationOf = async (c: Core, serial: string) =>
  (await callCore<InstallationView>(c, 'installation.get', { serial })).installation;

async function dryRun(c: Core, serial: string): Promise<DryRunTarget> {
  const run = await callCore<DryRun>(c, 'control.dryRun', {
    serials: [serial],
    command: { storage: { policy: 'setpoint', setpointW: 1000 } },
    hold: true,
  });
  return run.targets[0]!;
}

describe('installation.setFallback', () => {
  it('sets it under the operator’s name, keeps it across a reopen, and clears it back to onboarding’s', async () => {
    const { core: first, dataDir } = await seeded();
    const answered = await setFallback(first, WITH, 120);
    expect(answered.installation).toMatchObject({
      fallbackTimeoutSeconds: 300,
      fallbackTimeoutOverride: { seconds: 120, by: 'Ada' },
    });
    expect((await installationOf(first, WITH)).fallbackTimeoutOverride?.seconds).toBe(120);
    expect((await dryRun(first, WITH)).lease).toMatchObject({ fallbackS: 120, refreshEveryMs: 40_000 });
    // Audited: on the timeline and in Activity, in words, with who.
    expect(answered.timeline[0]).toMatchObject({
      type: 'installation.fallbackSet',
      actor: 'Ada',
      summary: "Fallback timeout set to 120 seconds (wins over onboarding's)",
    });
    const page = await callCore<ActivityPage>(first, 'activity.query', {
      filter: { serial: WITH, categories: ['control'] },
    });
    expect(page.rows.map((r) => [r.type, r.actor, r.summary])).toEqual([
      ['installation.fallbackSet', 'Ada', "Fallback timeout set to 120 seconds (wins over onboarding's)"],
    ]);
    await first.stop();

    // Reopened from the snapshot the stop wrote…
    const second = (await open(dataDir)).core;
    expect((await installationOf(second, WITH)).fallbackTimeoutOverride).toMatchObject({
      seconds: 120,
      by: 'Ada',
    });
    expect((await dryRun(second, WITH)).lease?.fallbackS).toBe(120);
    await second.stop();
    // …and from the journal alone.
    rmSync(join(dataDir, 'inventory.json'));
    const third = (await open(dataDir)).core;
    expect((await installationOf(third, WITH)).fallbackTimeoutOverride).toMatchObject({
      seconds: 120,
      by: 'Ada',
    });

    const cleared = await setFallback(third, WITH, null);
    expect(cleared.installation.fallbackTimeoutOverride).toBeUndefined();
    expect(cleared.installation.fallbackTimeoutSeconds).toBe(300);
    expect(cleared.timeline[0]?.summary).toBe("Fallback timeout set back to onboarding's value");
    expect((await dryRun(third, WITH)).lease?.fallbackS).toBe(300);
  });

  it('is kept by a backup and put back by its restore', async () => {
    const { core: c } = await seeded();
    await setFallback(c, WITHOUT, 45);
    const { path } = await callCore<{ path: string }>(c, 'data.backup');
    await setFallback(c, WITHOUT, null);
    expect((await installationOf(c, WITHOUT)).fallbackTimeoutOverride).toBeUndefined();
    await callCore(c, 'data.restore', { path });
    expect((await installationOf(c, WITHOUT)).fallbackTimeoutOverride).toMatchObject({
      seconds: 45,
      by: 'Ada',
    });
    expect((await dryRun(c, WITHOUT)).lease?.fallbackS).toBe(45);
  });

  it('makes an installation that onboarding left without a fallback timeout controllable', async () => {
    const { core: c } = await seeded();
    const refused = await dryRun(c, WITHOUT);
    expect(refused.lease).toBeNull();
    expect(refused.errors.join(' ')).toContain(
      'set it on the installation page (Identity → Fallback timeout)',
    );

    await setFallback(c, WITHOUT, 90);
    const allowed = await dryRun(c, WITHOUT);
    expect(allowed.errors).toEqual([]);
    expect(allowed.lease).toMatchObject({ fallbackS: 90, refreshEveryMs: 30_000 });
    expect(allowed.message).not.toBeNull();
  });

  it('refuses an unknown serial and a value outside whole seconds from 3 to 86,400, in words', async () => {
    const { core: c } = await seeded();
    const unknown = await c.call('installation.setFallback', { serial: 'SG1-NOPE', seconds: 60 });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no installation SG1-NOPE.' },
    });
    const cases: Array<[unknown, RegExp]> = [
      [2, /at least 3 s/],
      [0, /at least 3 s/],
      [86_401, /at most 86,400 s/],
      [1.5, /whole seconds/],
      ['60', /number of seconds/],
    ];
    for (const [seconds, words] of cases) {
      const answer = await c.call('installation.setFallback', { serial: WITH, seconds });
      expect(answer.ok, String(seconds)).toBe(false);
      expect(!answer.ok && answer.error.message, String(seconds)).toMatch(words);
    }
    // The bounds themselves are fine; nothing refused reached the journal.
    await setFallback(c, WITH, 3);
    await setFallback(c, WITH, 86_400);
    const view = await callCore<InstallationView>(c, 'installation.get', { serial: WITH });
    expect(view.timeline.filter((t) => t.type === 'installation.fallbackSet')).toHaveLength(2);
    expect(view.installation.fallbackTimeoutOverride?.seconds).toBe(86_400);
  });
});
