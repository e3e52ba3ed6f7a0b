// `npm test`: the unit suite (Vitest), then the end-to-end suite (Playwright), with one summary
// line at the end summed over both. Each runner streams its own output live and writes a JSON
// report we count from, so the summary does not depend on parsing human-readable output.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium, findMosquitto } from '../test/support/prerequisites.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Runs a command with inherited stdio; resolves with its exit code (signals count as failure). */
function run(command, args, env = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    // Pass a CI cancel (SIGTERM) on, so the runner can stop its hosts and browsers.
    const forward = () => child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Vitest's JSON report (Jest's format): pending and todo tests count as skipped. A test file that
 * failed to load has no tests to count, so it is reported as a runner error instead.
 */
function countVitest(report) {
  const broken = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    ...(broken.length > 0 && { error: `Vitest: ${broken.length} test file(s) failed to load (see above).` }),
  };
}

/**
 * Playwright's JSON report: "expected" passed, "unexpected" failed; "flaky" needs retries, which
 * are off. Errors outside tests (global setup, a spec that fails to load) are runner errors.
 */
function countPlaywright(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return {
    passed: expected,
    failed: unexpected + flaky,
    skipped,
    ...(report.errors.length > 0 && {
      error: `Playwright: ${report.errors.length} error(s) outside tests (see above).`,
    }),
  };
}

/** Runs one suite and counts its results; a runner that crashed or ran nothing is an error. */
async function suite(name, command, args, reportFile, count, env) {
  const code = await run(command, args, env);
  const report = readJson(reportFile);
  if (!report) return { passed: 0, failed: 0, skipped: 0, error: `${name} wrote no report (exit ${code}).` };
  const counts = count(report);
  if (counts.error) return counts;
  const ran = counts.passed + counts.failed;
  if (ran === 0) return { ...counts, error: `${name} ran no tests.` };
  // e.g. an unhandled error after all tests passed, or a failing global setup.
  if (code !== 0 && counts.failed === 0)
    return { ...counts, error: `${name} exited with ${code} although no test failed.` };
  return counts;
}

const missing = [findChromium(), findMosquitto()].filter((found) => !found.ok);
if (missing.length > 0) {
  for (const { error } of missing) console.error(error);
  process.exit(1);
}

// Some integration tests run the real host, which serves the built UI: build it once, first.
if ((await run('npm', ['run', '--silent', 'build:renderer'])) !== 0) {
  console.error('The renderer did not build; see above.');
  process.exit(1);
}

const reports = mkdtempSync(join(tmpdir(), 'fleetdesk-test-reports-'));
const vitestReport = join(reports, 'vitest.json');
const e2eReport = join(reports, 'e2e.json');
const results = [
  await suite(
    'Vitest',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
    vitestReport,
    countVitest,
  ),
  await suite('Playwright', bin('playwright'), ['test'], e2eReport, countPlaywright, {
    FLEETDESK_E2E_JSON: e2eReport,
    FLEETDESK_E2E_SKIP_BUILD: '1',
  }),
];
rmSync(reports, { recursive: true, force: true });

const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const errors = results.flatMap((r) => (r.error ? [r.error] : []));
for (const error of errors) console.error(error);
const skipped = total('skipped');
// The last line is a contract: CI and people read it. Keep the format exactly.
console.log(
  `${total('passed')} passed, ${total('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
);
process.exit(total('failed') > 0 || errors.length > 0 ? 1 : 0);
