import type * as Fs from 'node:fs';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

/**
 * A rival start that acts at the worst moment: `afterLockRead` runs once, right after the next
 * read of a lock file returns and before its reader acts on what it read.
 */
const hook = vi.hoisted(() => ({ afterLockRead: undefined as (() => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    const out = fs.readFileSync(...args);
    if (String(args[0]).endsWith('.fleetdesk.lock')) {
      const rival = hook.afterLockRead;
      hook.afterLockRead = undefined;
      rival?.();
    }
    return out;
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync };
});

const { lockDataDir, LOCK_FILE } = await import('../../electron/core/store/data-dir-lock');
const { runOf } = await import('../../electron/core/store/process-run');
const dataDir = tempDirsPerTest('fleetdesk-lock-stale-');
/** Only Linux tells which run of a pid is running; elsewhere a live pid keeps its lock. */
const onLinux = process.platform === 'linux';

/** Runs `use` while an unrelated process (not a Fleetdesk) runs, given its pid. */
async function withUnrelatedProcess(use: (pid: number) => void): Promise<void> {
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => other.once('spawn', resolve));
    use(other.pid!);
  } finally {
    other.kill();
  }
}

/** The lock an earlier Fleetdesk run with process id `pid` left behind when it died. */
function lockLeftByEarlierRun(pid: number): string {
  const dir = dataDir();
  const release = lockDataDir(dir);
  const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as Record<string, unknown>;
  release();
  return JSON.stringify({ ...lock, pid });
}

describe('the data folder lock after a crash', () => {
  it('a stale lock is taken over by only one of two starts', () => {
    const dir = dataDir();
    // Left by a Fleetdesk that died (kill -9, power cut): pid 2^22+7 does not exist.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4_194_311, host: hostname() }));
    const holders: string[] = [];
    const attempt = (who: string) => {
      try {
        lockDataDir(dir);
        holders.push(who);
      } catch {
        // Refused: the other start holds the folder.
      }
    };
    // The second start reads the stale lock; the first (which read it too) takes the folder over
    // before the second acts on what it read.
    hook.afterLockRead = () => attempt('first');
    attempt('second');
    expect(holders).toEqual(['first']);
  });

  it('opens after a crash when the lock names this very pid (a container restart reuses pids)', () => {
    const dir = dataDir();
    // This process never locked `dir`: the file is an earlier run's that had the same pid.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname() }));
    expect(() => lockDataDir(dir)()).not.toThrow();
  });

  it.runIf(onLinux)(
    'opens after a power cut when the lock names a pid now used by an unrelated process',
    async () => {
      const dir = dataDir();
      await withUnrelatedProcess((pid) => {
        writeFileSync(join(dir, LOCK_FILE), lockLeftByEarlierRun(pid));
        expect(() => lockDataDir(dir)()).not.toThrow();
      });
    },
  );

  it.runIf(onLinux)('still refuses while the run that wrote the lock goes on', async () => {
    const dir = dataDir();
    await withUnrelatedProcess((pid) => {
      const run = runOf(pid);
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), run }));
      expect(() => lockDataDir(dir)).toThrow(`Another Fleetdesk (process ${pid}) is already using`);
    });
  });

  it('honours a lock of an earlier version (no run in it) while its pid lives', async () => {
    const dir = dataDir();
    await withUnrelatedProcess((pid) => {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname() }));
      expect(() => lockDataDir(dir)).toThrow(`Another Fleetdesk (process ${pid}) is already using`);
    });
  });

  it('leaves alone, when released, a lock another start has taken over since', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    const rivals = JSON.stringify({ pid: 4_194_311, host: hostname(), claim: 'rival' });
    writeFileSync(join(dir, LOCK_FILE), rivals);
    release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(rivals);
  });
});
