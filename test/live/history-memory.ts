/**
 * Scratch measurement, not a test: the RSS that 10,000 full feedback histories take, to check the
 * bound stated on HISTORY_CAPACITY. Run: `node --expose-gc --import tsx test/live/history-memory.ts`.
 */
import { FeedbackHistory, HISTORY_CAPACITY } from '../../electron/core/live/feedback-history';

const INSTALLATIONS = 10_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

gc();
const before = process.memoryUsage();
const history = new FeedbackHistory();
const started = performance.now();
const serials = Array.from({ length: INSTALLATIONS }, (_, i) => `SG1-${String(i).padStart(6, '0')}`);
// Every installation in turn, as a fleet reporting every 10 s feeds it (so histories grow together).
for (let r = 0; r < HISTORY_CAPACITY; r++) {
  for (const serial of serials) {
    history.push(
      serial,
      1_764_000_000_000 + r * 10_000,
      {
        storageW: -2500 + r,
        socPct: 50 + (r % 50),
        storedWh: 5000,
        solarW: 3000,
        gridW: 1200 - r,
      },
      0,
    );
  }
}
const pushMs = performance.now() - started;
gc();
const after = process.memoryUsage();
const q0 = performance.now();
const answer = history.query('SG1-000042', undefined, 1200);
const queryMs = performance.now() - q0;

const rss = after.rss - before.rss;
const external = after.arrayBuffers - before.arrayBuffers;
console.log(
  JSON.stringify(
    {
      installations: INSTALLATIONS,
      readingsEach: HISTORY_CAPACITY,
      rssGrowthMiB: mib(rss),
      arrayBuffersMiB: mib(external),
      heapUsedGrowthMiB: mib(after.heapUsed - before.heapUsed),
      bytesPerInstallation: Math.round(rss / INSTALLATIONS),
      pushesPerSecond: Math.round((INSTALLATIONS * HISTORY_CAPACITY) / (pushMs / 1000)),
      queryMs: Number(queryMs.toFixed(2)),
      queryPoints: answer.times.length,
    },
    null,
    2,
  ),
);
