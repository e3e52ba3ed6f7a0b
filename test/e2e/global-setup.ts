import { spawnSync } from 'node:child_process';

/**
 * Builds the renderer once per run: the host serves dist/renderer, and a stale bundle would test
 * yesterday's UI. Output is shown only when the build fails, to keep the test log readable.
 * FLEETDESK_E2E_SKIP_BUILD=1 reuses the existing bundle while iterating on tests.
 */
export default function globalSetup(): void {
  if (process.env['FLEETDESK_E2E_SKIP_BUILD'] === '1') return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build:renderer'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    throw new Error(
      `\`npm run build:renderer\` failed (exit ${build.status ?? build.signal}); see its output above.`,
    );
  }
}
