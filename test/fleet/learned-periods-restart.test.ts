import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../electron/core/events';
import type { Clock } from '../../electron/core/clock';
import { FleetView } from '../../electron/core/fleet/fleet-view';
import {
  LEARNED_PERIODS_FILE,
  LearnedPeriodsWriter,
  readLearnedPeriods,
} from '../../electron/core/fleet/learned-periods-file';
import { createLogger } from '../../electron/core/logger';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft } from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const newDir = () => {
  const dir = tempDir('fleetdesk-periods-');
  dirs.push(dir);
  return dir.path;
};

const MIN = 60_000;
const MORNING = Date.UTC(2026, 10, 27, 7, 0, 0);
const log = createLogger('silent');

describe('the learned health period across a restart', () => {
  it('is still known after a restart, so a controller calling every 30 minutes is not stale 20 minutes after its call', async () => {
    const dir = newDir();
    const { inventory, clock } = await openInventory(dir);
    const serial = 'SG1-0044';
    let now = MORNING;
    const events = new CoreEvents();
    const settings = () => DEFAULT_SETTINGS; // 5-minute period until each one's own rhythm is learned
    const at = { ...clock, now: () => now } satisfies Clock;
    const first = new FleetView({ inventory, settings, clock: at, events });
    await inventory.commit([onboardingDraft(serial, MORNING)]);
    let last = MORNING;
    for (let i = 0; i < 12; i += 1) {
      now = last = MORNING + i * 30 * MIN; // its own rhythm: every 30 minutes
      first.onCommitted(await inventory.commit([healthDraft(serial, last)]));
    }
    now = last + 20 * MIN;
    first.touch(serial);
    // Learned: 20 minutes after its last call is well within its rhythm.
    expect(first.list().rows[0]).toMatchObject({ health: 'ok' });
    const path = join(dir, LEARNED_PERIODS_FILE);
    await new LearnedPeriodsWriter(path, log).write(first.learnedHealthPeriods());
    first.stop();

    // Fleetdesk restarts (an update) a minute later: the same data, a new fleet view.
    const learnedHealthPeriods = await readLearnedPeriods(path, log);
    const second = new FleetView({ inventory, settings, clock: at, events, learnedHealthPeriods });
    second.touch(serial);
    expect(second.list().rows[0]).toMatchObject({ health: 'ok' });
    // And its silence is still judged by its own rhythm: 3 × 30 minutes.
    now = last + 100 * MIN;
    second.touch(serial);
    expect(second.list().rows[0]).toMatchObject({ health: 'stale', overdue: 'health' });
    second.stop();
    await inventory.close();
  });

  it('starts from the configured period when the file is missing or damaged, and logs the damage', async () => {
    const dir = newDir();
    const path = join(dir, LEARNED_PERIODS_FILE);
    expect((await readLearnedPeriods(path, log)).size).toBe(0);
    const warnings: string[] = [];
    const listening = { ...log, warn: (_: unknown, message: string) => void warnings.push(message) };
    for (const damaged of [
      '{"version":1,',
      '{"version":1,"periods":{"SG1-1":{"periodMs":-5,"samples":1}}}',
    ]) {
      writeFileSync(path, damaged);
      expect((await readLearnedPeriods(path, listening as typeof log)).size).toBe(0);
    }
    expect(warnings).toEqual([
      'learned health periods damaged; relearning them',
      'learned health periods damaged; relearning them',
    ]);
  });

  it('is saved in the data folder when the core stops, and read when it starts', async () => {
    const dataDir = newDir();
    const path = join(dataDir, LEARNED_PERIODS_FILE);
    const first = makeCore(dataDir);
    await first.start();
    await first.stop();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, periods: {} });
    // A damaged file does not stop the next start; it is rewritten at its stop.
    writeFileSync(path, 'not json');
    const second = makeCore(dataDir);
    await second.start();
    await second.stop();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, periods: {} });
  });
});
