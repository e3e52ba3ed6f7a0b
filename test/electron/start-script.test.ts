import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir } from '../support/temp-dir';

const root = resolve(import.meta.dirname, '../..');

describe('npm start without an Electron binary', () => {
  it('says so in one sentence, points at npm run serve, and exits 1 before building anything', () => {
    // An empty override directory makes the electron package report a binary that does not exist,
    // offline and without trying a download, on any machine.
    const empty = tempDir('fleetdesk-no-electron-');
    try {
      const run = spawnSync(process.execPath, [resolve(root, 'scripts/start-electron.mjs')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty.path },
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        "Electron's binary is not available on this machine (it downloads from GitHub on first launch); run `npm run serve` to use Fleetdesk in a browser instead.\n",
      );
    } finally {
      empty.remove();
    }
  });
});
