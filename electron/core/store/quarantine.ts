import { copyFileSync, existsSync, renameSync } from 'node:fs';

/** `<name>.corrupt-<timestamp>[-n].json` next to `filePath`, a name no file has yet. */
function asideName(filePath: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const base = filePath.replace(/\.json$/, '');
  let target = `${base}.corrupt-${stamp}.json`;
  for (let n = 1; existsSync(target); n += 1) target = `${base}.corrupt-${stamp}-${n}.json`;
  return target;
}

/**
 * Moves a file that could not be read aside as `<name>.corrupt-<timestamp>.json`, next to it, so
 * nothing is lost and a fresh file can take its place. Returns the new path.
 */
export function quarantine(filePath: string, at: number): string {
  const target = asideName(filePath, at);
  renameSync(filePath, target);
  return target;
}

/**
 * Copies a file that could be read only in part to the same `.corrupt-` name, leaving it in place:
 * the caller keeps what it could read (and will rewrite the file with it), and the copy keeps
 * everything as it was. Returns the copy's path.
 */
export function keepCopy(filePath: string, at: number): string {
  const target = asideName(filePath, at);
  copyFileSync(filePath, target);
  return target;
}
