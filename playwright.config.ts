import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/support/prerequisites.mjs';

const browser = findChromium();
if (!browser.ok) {
  // One actionable sentence beats Playwright's "Executable doesn't exist" with a stack trace.
  process.stderr.write(`${browser.error}\n`);
  process.exit(1);
}

/** Where the JSON report goes; scripts/run-tests.mjs points this at its own temp file. */
const jsonReport = process.env['FLEETDESK_E2E_JSON'] ?? '.tmp/e2e-report.json';

/**
 * End-to-end tests: each test starts its own headless host (child process, temp data dir, free
 * ports) and drives the built renderer in Chromium. See test/e2e/fixtures/.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // One worker: on the 2-core CI machine two workers measured no faster (host start-up and the
  // browser compete for the same cores) and contention is where timing flakes come from.
  // `--workers 2` works: tests share nothing.
  workers: 1,
  fullyParallel: true,
  // A flaky test must show up as a failure, not pass on its second try.
  retries: 0,
  forbidOnly: !!process.env['CI'],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  outputDir: '.tmp/e2e-results',
  use: {
    ...devices['Desktop Chrome'],
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Undefined means Playwright's own download; the key must then be absent, not undefined.
      ...(browser.executablePath !== undefined && { executablePath: browser.executablePath }),
      args: CHROMIUM_ARGS,
    },
  },
});
