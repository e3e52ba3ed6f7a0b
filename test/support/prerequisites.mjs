// Finds the external programs the test suites need. Plain ESM (not TypeScript) so that both
// playwright.config.ts and scripts/run-tests.mjs can import it without a TypeScript loader.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium for Playwright, in order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own
 * download. `executablePath: undefined` means "let Playwright use its own browser".
 * @returns {{ ok: true, executablePath: string | undefined } | { ok: false, error: string }}
 */
/**
 * Flags for Chromium on this kind of machine: headless as root, and no background connections,
 * which the closed network would refuse many at a time.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function findChromium(env = process.env) {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    // An explicit choice that is wrong should fail loudly, not silently fall back to another browser.
    if (existsSync(fromEnv)) return { ok: true, executablePath: fromEnv };
    return { ok: false, error: `CHROMIUM_PATH is set to ${fromEnv}, which does not exist: fix or unset it.` };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { ok: true, executablePath: SYSTEM_CHROMIUM };
  if (existsSync(chromium.executablePath())) return { ok: true, executablePath: undefined };
  return {
    ok: false,
    error:
      'No Chromium found for the end-to-end tests: install one with `apt-get install -y chromium` or `npx playwright install chromium` (or set CHROMIUM_PATH).',
  };
}

/**
 * mosquitto for the broker tests: on PATH, or in /usr/sbin, where Debian puts it but which is not
 * on an ordinary user's PATH.
 * @returns {{ ok: true, path: string } | { ok: false, error: string }}
 */
export function findMosquitto(env = process.env) {
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'mosquitto');
    if (existsSync(candidate)) return { ok: true, path: candidate };
  }
  return {
    ok: false,
    error:
      'No mosquitto found for the broker tests: install it with `apt-get install -y mosquitto` (macOS: `brew install mosquitto`).',
  };
}
