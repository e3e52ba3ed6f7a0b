// `npm start`: finds the Electron binary, builds the renderer and the Electron bundles, and runs the
// desktop app. Electron's package downloads its binary from GitHub the first time it is asked for
// it; where that cannot happen, this says so in one sentence and points at the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const NO_BINARY =
  "Electron's binary is not available on this machine (it downloads from GitHub on first launch); run `npm run serve` to use Fleetdesk in a browser instead.";

/**
 * The binary's path, or undefined. `require('electron')` returns the path and downloads the binary
 * when it is missing; it runs in a child process whose output is kept, so a failed download shows
 * as our one sentence rather than a stack trace.
 */
function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    // A first download is about 100 MB; give it time, but not forever.
    timeout: 10 * 60_000,
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path !== '' && existsSync(path) ? path : undefined;
}

/** Runs `npm run <script>` through the npm that started us when there is one (no shell needed). */
function npmRun(script) {
  const npmCli = process.env['npm_execpath'];
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

// Looked up before building, so a machine without the binary learns it in a second, not after a build.
const electron = findElectron();
if (electron === undefined) {
  console.error(NO_BINARY);
  process.exit(1);
}

const built = npmRun('build');
if (built !== 0) process.exit(built);

const env = { ...process.env };
// Inherited from a parent tool, this would make Electron behave as plain Node and never open a window.
delete env['ELECTRON_RUN_AS_NODE'];
const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
