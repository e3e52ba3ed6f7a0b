import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Holds the data directory for this process. Two Fleetdesks on one folder (the desktop app and
 * `npm run serve`, say) would interleave the journal; the second one is refused instead. A lock
 * left by a process that died (kill -9, power loss) is taken over at once: the lock file names
 * its process, and a process that no longer exists holds nothing.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, '.fleetdesk.lock');
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.host === hostname() && isAlive(holder.pid)) {
        throw new Error(
          `Another Fleetdesk (process ${holder.pid}) is already using ${dataDir}; close it first or choose another --data-dir.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}: another process keeps taking it.`);
}

function readHolder(path: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined; // unreadable or half-written: nobody holds it in a way we can honour
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
