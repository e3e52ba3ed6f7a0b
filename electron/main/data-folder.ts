import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FOLDER_NAME } from '../core/data-dir';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../core/store/data-dir-lock';

/**
 * Where desktop versions before this one kept their data: Electron's default `userData`, which is
 * named after package.json's lower-case `name` (electron-builder's `productName` is not copied into
 * the packaged package.json, electron-builder#8165). On Linux that is a folder of its own beside
 * the `Fleetdesk` that `npm run serve` uses; on case-insensitive file systems (Windows, macOS by
 * default) it is the same folder.
 */
const EARLIER_DESKTOP_FOLDER = 'fleetdesk';

/** What a data folder holds that an operator would miss: the fleet, its audit trail, tokens, backups. */
const DATA_FILES = ['inventory.json', 'listener-tokens.json'];
const DATA_FOLDERS = ['journal', 'backups'];

export type DataFolder =
  /** `dir` is the data folder; there was nothing to move. */
  | { state: 'ready'; dir: string }
  /** An earlier version's folder was moved to `dir`; what `dir` held before (no data) is in `setAside`. */
  | { state: 'moved'; dir: string; from: string; setAside: string | undefined }
  /** Both folders hold data: `dir` is used, `earlier` is left untouched. */
  | { state: 'earlier-left-alone'; dir: string; earlier: string }
  /** The move failed (`reason`): the earlier folder is used where it is, so no data goes missing. */
  | { state: 'move-failed'; dir: string; wanted: string; reason: string };

/**
 * Settles the desktop app's data folder in `appData` (call before Electron's `ready`, then
 * `app.setPath('userData', dir)`): `Fleetdesk`, the folder the headless host uses too. An earlier
 * desktop version's `fleetdesk` is moved there when `Fleetdesk` holds no data yet, so an upgrade
 * never opens on an empty fleet. Throws when a running Fleetdesk holds either folder: moving a
 * folder from under it would lose its writes.
 */
export function settleDataFolder(appData: string): DataFolder {
  const dir = join(appData, DATA_FOLDER_NAME);
  const earlier = join(appData, EARLIER_DESKTOP_FOLDER);
  if (sameFolder(dir, earlier) || !holdsData(earlier)) return { state: 'ready', dir };
  if (holdsData(dir)) return { state: 'earlier-left-alone', dir, earlier };
  return moveEarlier(earlier, dir);
}

/**
 * Two renames, each atomic, so a crash at any point loses nothing: `dir`'s data-less content (a
 * first `npm run serve`, say) goes aside first, then the earlier folder takes its name. Interrupted
 * in between, the next start finds no `dir` and moves the earlier folder then.
 */
function moveEarlier(earlier: string, dir: string): DataFolder {
  // Held while moving, so no Fleetdesk starts on either folder meanwhile (and none runs on them now).
  const unlockEarlier = lockForMove(earlier, earlier, dir);
  let unlockDir: (() => void) | undefined;
  let setAside: string | undefined;
  try {
    unlockDir = existsSync(dir) ? lockForMove(dir, earlier, dir) : undefined;
  } catch (error) {
    unlockEarlier();
    throw error;
  }
  try {
    if (unlockDir) {
      setAside = `${dir}-set-aside-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dir, setAside);
      rmSync(join(setAside, LOCK_FILE), { force: true });
    }
    renameSync(earlier, dir);
  } catch (error) {
    unlockEarlier();
    if (setAside !== undefined && existsSync(setAside) && !existsSync(dir)) renameSync(setAside, dir);
    unlockDir?.();
    const reason = error instanceof Error ? error.message : String(error);
    return { state: 'move-failed', dir: earlier, wanted: dir, reason };
  }
  // Our lock on the earlier folder moved with it; the core takes the folder again when it starts.
  rmSync(join(dir, LOCK_FILE), { force: true });
  return { state: 'moved', dir, from: earlier, setAside };
}

/** Locks one folder of the move; a running Fleetdesk on it is named, with what to do. */
function lockForMove(folder: string, earlier: string, dir: string): () => void {
  try {
    return lockDataDir(folder);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new Error(
      `Fleetdesk moves the data of its earlier version from ${earlier} to ${dir} at this start, but another Fleetdesk (process ${error.pid}) is using ${folder}. Close it, then start Fleetdesk again.`,
    );
  }
}

function holdsData(dir: string): boolean {
  return (
    DATA_FILES.some((name) => existsSync(join(dir, name))) ||
    DATA_FOLDERS.some((name) => nonEmptyFolder(join(dir, name)))
  );
}

function nonEmptyFolder(path: string): boolean {
  try {
    return readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

/** True when both paths name one folder (a case-insensitive file system). */
function sameFolder(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * What the operator is told about the folder: `log` for the log, and `warn` for the few cases they
 * must act on (shown in a dialog), which name both folders and what to do.
 */
export function describeDataFolder(folder: DataFolder): { log: string; warn?: string } {
  switch (folder.state) {
    case 'ready':
      return { log: `data folder ${folder.dir}` };
    case 'moved':
      return {
        log:
          `moved the data of an earlier Fleetdesk from ${folder.from} to ${folder.dir}, the folder npm run serve uses` +
          (folder.setAside ? `; what ${folder.dir} held before (no fleet) is in ${folder.setAside}` : ''),
      };
    case 'earlier-left-alone': {
      const warn =
        `Fleetdesk keeps its data in ${folder.dir}, the folder npm run serve uses. An earlier version of the desktop app kept its data in ${folder.earlier}, ` +
        `which was left untouched because ${folder.dir} holds data too. To use the earlier data instead, quit Fleetdesk and rename ${folder.dir}: ` +
        `the next start moves ${folder.earlier} there. To keep the current data, move ${folder.earlier} away (or make a backup of it first).`;
      return { log: warn, warn };
    }
    case 'move-failed': {
      const warn =
        `Fleetdesk could not move its data from ${folder.dir} to ${folder.wanted} (${folder.reason}), so it uses ${folder.dir} as before; ` +
        `npm run serve does not see this data. Quit Fleetdesk and move the folder yourself to share it.`;
      return { log: warn, warn };
    }
  }
}
