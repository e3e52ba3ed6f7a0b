import { closeSync, linkSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file that says which process holds a data directory. */
export const LOCK_FILE = '.fleetdesk.lock';

/** A running Fleetdesk (process `pid`, on this machine) holds the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Fleetdesk (process ${pid}) is already using ${dataDir}; close it first or choose another --data-dir.`,
    );
  }
}

/**
 * Holds the data directory for this process. Two Fleetdesks on one folder (the desktop app and
 * `npm run serve`, say) would interleave the journal; the second one is refused instead. A lock
 * left by a process that died (kill -9, power loss) is taken over at once: the lock file names
 * its process, and a process that no longer exists holds nothing.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      publish(path, mine);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.host === hostname() && isAlive(holder.pid))
        throw new DataDirInUseError(dataDir, holder.pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}: another process keeps taking it.`);
}

/**
 * Creates the lock file with its content in one step (EEXIST if it exists): written in full under
 * a name of its own, then hard-linked into place. Created empty and written after, a rival start
 * in between read it as half-written, nobody's, removed it and took the folder too.
 */
function publish(path: string, content: string): void {
  const draft = `${path}.${randomUUID()}`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (error) {
    // A file system without hard links (FAT on a USB stick): exclusive create, then write.
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    const fd = openSync(path, 'wx');
    writeSync(fd, content);
    closeSync(fd);
  } finally {
    rmSync(draft, { force: true });
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function readHolder(path: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    // Unreadable or half-written: only a crash mid-write (or a version before `publish`) leaves it so.
    return undefined;
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
