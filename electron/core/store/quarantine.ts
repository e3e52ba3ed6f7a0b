import { existsSync, renameSync } from 'node:fs';

/**
 * Moves a file that could not be read aside as `<name>.corrupt-<timestamp>.json`, next to it, so
 * nothing is lost and a fresh file can take its place. Returns the new path.
 */
export function quarantine(filePath: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const base = filePath.replace(/\.json$/, '');
  let target = `${base}.corrupt-${stamp}.json`;
  for (let n = 1; existsSync(target); n += 1) target = `${base}.corrupt-${stamp}-${n}.json`;
  renameSync(filePath, target);
  return target;
}
