import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tempDir } from '../support/temp-dir';
import { healthDraft, onboardingDraft, serialOf } from './fixtures/drafts';
import { openInventory } from './fixtures/open-inventory';

/**
 * The process "dies" at one instant of a restore: the rename of the first path that `stopAt`
 * matches never returns, as if kill -9 or a power cut came right then. Every move before it has
 * happened on disk; nothing after it does.
 */
const crash = {
  stopAt: undefined as undefined | ((from: string) => boolean),
  reached: () => undefined as void,
};
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const rename: typeof real.rename = (from, to) => {
    if (crash.stopAt?.(String(from))) {
      crash.stopAt = undefined;
      crash.reached();
      return new Promise<void>(() => undefined); // the process is gone: never resolves
    }
    return real.rename(from, to);
  };
  return { ...real, default: { ...real, rename }, rename };
});

const dirs: Array<{ remove(): void }> = [];
afterEach(() => {
  crash.stopAt = undefined;
  dirs.splice(0).forEach((d) => d.remove());
});

/** Six installations live, a backup of the first five, and a restore of it cut short at `stopAt`. */
async function restoreCutShort(stopAt: (from: string) => boolean): Promise<{ dir: string; backup: string }> {
  const d = tempDir();
  dirs.push(d);
  const first = await openInventory(d.path);
  for (let i = 1; i <= 5; i += 1)
    await first.inventory.commit([onboardingDraft(serialOf(i), i), healthDraft(serialOf(i), i + 10)]);
  mkdirSync(join(d.path, 'backups'));
  const backup = join(d.path, 'backups', 'b.jsonl.gz');
  await first.inventory.backup(backup);
  await first.inventory.commit([onboardingDraft(serialOf(6), 100)]);
  await first.inventory.flushSnapshot();
  const reached = new Promise<void>((resolve) => (crash.reached = resolve));
  crash.stopAt = stopAt;
  void first.inventory.restore(backup, 'Ann').catch(() => undefined);
  await reached;
  return { dir: d.path, backup };
}

const stagedJournal = (from: string) => basename(from).startsWith('journal.restoring-');
const snapshotFile = (from: string) => basename(from) === 'inventory.json';
const named = (dir: string, prefix: string) => readdirSync(dir).filter((name) => name.startsWith(prefix));

/** Starts again on the folder: what the operator sees. */
async function restart(dir: string) {
  const { inventory, notices } = await openInventory(dir);
  const problems = await inventory.allProblems();
  const seen = {
    installations: inventory.listInstallations().length,
    problems: problems.map((p) => `${p.kind} ${p.severity}: ${p.detail}`),
    notices: notices.list().map((n) => n.detail),
    last: (await inventory.journalSince(0)).at(-1),
  };
  await inventory.close();
  return seen;
}

describe('a restore cut short by a crash or power cut', () => {
  it('is finished at the next start, journaled and announced, when the stop came as the restored journal was moved in', async () => {
    const { dir, backup } = await restoreCutShort(stagedJournal);
    const seen = await restart(dir);
    expect(seen.installations).toBe(5);
    expect(seen.problems).toEqual([
      expect.stringMatching(
        /^restore-interrupted error: a restore from .*b\.jsonl\.gz that Ann started at .* was cut short when Fleetdesk stopped; it was finished at start-up/,
      ),
    ]);
    expect(seen.notices.join('\n')).toContain('it was finished at start-up');
    const [aside = ''] = named(dir, 'inventory.replaced-');
    expect(seen.last).toMatchObject({
      type: 'backup.restored',
      actor: 'Ann',
      origin: backup,
      movedTo: join(dir, aside),
      replacedSeq: 11,
    });
    // Nothing of the replaced data was lost, and nothing is left half-way.
    expect(readdirSync(join(dir, aside)).sort()).toEqual(['inventory.json', 'journal']);
    expect(named(dir, 'journal.restoring-')).toEqual([]);
    expect(existsSync(join(dir, 'restore-in-progress.json'))).toBe(false);
    // Settled once: the next start is an ordinary one.
    expect(await restart(dir)).toMatchObject({ installations: 5, problems: [] });
  });

  it('is finished too when the stop came one step earlier, with the old snapshot still in place', async () => {
    const { dir } = await restoreCutShort(snapshotFile);
    const seen = await restart(dir);
    // Not the old state under a "behind-snapshot" error: the restore the operator asked for.
    expect(seen.installations).toBe(5);
    expect(seen.problems).toEqual([expect.stringContaining('it was finished at start-up')]);
    const [aside = ''] = named(dir, 'inventory.replaced-');
    expect(readdirSync(join(dir, aside)).sort()).toEqual(['inventory.json', 'journal']);
  });

  it('is undone, with the data from before it put back, when its restored journal is gone', async () => {
    const { dir } = await restoreCutShort(stagedJournal);
    for (const name of named(dir, 'journal.restoring-')) rmSync(join(dir, name), { recursive: true });
    const seen = await restart(dir);
    expect(seen.installations).toBe(6);
    expect(seen.problems).toEqual([
      expect.stringMatching(
        /restore-interrupted error: .*the data from before it was put back from .*inventory\.replaced-/,
      ),
    ]);
    expect(seen.last?.type).not.toBe('backup.restored');
  });

  it('never opens as an empty fleet without a word while data a restore set aside is there', async () => {
    // As a build without the marker left it: journal and snapshot moved aside, nothing in place.
    const { dir } = await restoreCutShort(stagedJournal);
    rmSync(join(dir, 'restore-in-progress.json'));
    const seen = await restart(dir);
    expect(seen.installations).toBe(0);
    expect(seen.problems).toEqual([
      expect.stringMatching(
        /^restore-leftovers error: the inventory is empty, but .* holds data a restore set aside \(inventory\.replaced-.*journal\.restoring-/,
      ),
    ]);
    expect(seen.notices.join('\n')).toContain('holds data a restore set aside');
  });
});
