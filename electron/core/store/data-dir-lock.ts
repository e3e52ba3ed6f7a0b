import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { holderRuns, newLockContent, parseHolder } from './lock-holder';

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

/** The content of every lock this process holds: how it tells its own locks from an earlier run's. */
const heldHere = new Set<string>();

/** Rounds of "find a stale lock, take it over" before giving up on a folder others keep taking. */
const ATTEMPTS = 5;

/**
 * Holds the data directory for this process. Two Fleetdesks on one folder (the desktop app and
 * `npm run serve`, say) would interleave the journal; the second one is refused instead. A lock
 * left by a process that died (kill -9, power loss) is taken over at once: the lock file names
 * its process and that process's run, and a run that no longer exists holds nothing.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine = newLockContent();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      publish(path, mine);
      heldHere.add(mine);
      return () => release(path, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readLock(path);
    if (seen === undefined) continue; // Released since: try again.
    const holder = parseHolder(seen);
    if (holder && holderRuns(holder, heldHere.has(seen))) throw new DataDirInUseError(dataDir, holder.pid);
    removeIfStill(path, seen);
  }
  throw new Error(`Could not lock ${dataDir}: another process keeps taking it.`);
}

/** Gives the folder up: removes the lock only while it is still this one (never a rival's). */
function release(path: string, mine: string): void {
  heldHere.delete(mine);
  if (readLock(path) === mine) rmSync(path, { force: true });
}

/**
 * Removes the stale lock `seen`, unless a rival start has replaced it since it was read. Read, then
 * removed by name, a lock that two starts both found stale went twice: the slower start removed
 * the faster one's fresh lock and took the folder too. So it is moved aside under a name of its
 * own (one step, only one start gets it) and checked there; a rival's fresh lock is put back.
 */
function removeIfStill(path: string, seen: string): void {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // Another start removed it.
    throw error;
  }
  try {
    const moved = readLock(aside);
    if (moved !== undefined && moved !== seen) putBack(path, moved);
  } finally {
    rmSync(aside, { force: true });
  }
}

function putBack(path: string, content: string): void {
  try {
    publish(path, content);
  } catch (error) {
    // A third start took the free name in the instant between: it holds the folder, and so does
    // the rival whose lock this was. Three starts at once after a crash; nothing safer is left.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
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

/** The lock file's content, or `undefined` when there is none. */
function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
