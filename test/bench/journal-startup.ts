/**
 * Benchmark: inventory start-up with 10,000 installations and a 100,000-entry journal, the cost
 * of one snapshot write through conf, and group-commit throughput and latency.
 * Run: `npx tsx test/bench/journal-startup.ts` — prints one JSON object on stdout.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Journal } from '../../electron/core/journal/journal';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import {
  contractsDraft,
  healthDraft,
  linkDraft,
  onboardingDraft,
  serialOf,
} from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';
import { tempDir } from '../support/temp-dir';

const INSTALLATIONS = 10_000;
const ENTRIES = 100_000;
const SNAPSHOT_LAG = 20_000; // the default snapshot policy writes at least every 20,000 entries

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** The i-th entry of the synthetic history: onboard everyone, import contracts, link half, then health. */
function draftAt(i: number): JournalDraft {
  const at = 1_790_000_000_000 + i * 1000;
  if (i < INSTALLATIONS) return onboardingDraft(serialOf(i), at);
  if (i < INSTALLATIONS + 10) return contractsDraft(1000, at, `C-${i - INSTALLATIONS}-`);
  if (i < INSTALLATIONS + 10 + INSTALLATIONS / 2) {
    const k = i - INSTALLATIONS - 10;
    return linkDraft(serialOf(k * 2), `C-${k % 10}-${String(k % 1000).padStart(5, '0')}`, at);
  }
  return healthDraft(serialOf(i % INSTALLATIONS), at, i % 13 === 0 ? 'warning' : 'ok');
}

async function appendRange(dir: string, from: number, to: number): Promise<void> {
  const { journal } = await Journal.open(join(dir, 'journal'));
  for (let start = from; start < to; start += 1000) {
    const batch: Array<Promise<unknown>> = [];
    for (let i = start; i < Math.min(to, start + 1000); i += 1) batch.push(journal.append([draftAt(i)]));
    await Promise.all(batch);
  }
  await journal.close();
}

type OpenRun = { openMs: number; historyMs: number; seq: number; heapMiB: number; problems: number };

/** Opens the inventory in a fresh process (as a real start does) and reads what it measured. */
function openInChild(dir: string): OpenRun {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'journal-open-once.ts'), dir],
    {
      env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as OpenRun;
}

/** Median of `runs` fresh-process opens; `historyCheckedMs` is until older segments are checked and indexed too. */
function timeOpen(dir: string, runs = 5) {
  const results = Array.from({ length: runs }, () => openInChild(dir));
  const open = results.map((r) => r.openMs).sort((a, b) => a - b);
  const history = results.map((r) => r.historyMs).sort((a, b) => a - b);
  return {
    medianMs: round(percentile(open, 0.5)),
    minMs: round(open[0] ?? 0),
    maxMs: round(open.at(-1) ?? 0),
    historyCheckedMedianMs: round(percentile(history, 0.5)),
    heapMiB: round(results[0]?.heapMiB ?? 0),
    seq: results[0]?.seq ?? 0,
    problems: results[0]?.problems ?? 0,
  };
}

async function commitBurst(
  inventory: Awaited<ReturnType<typeof openInventory>>['inventory'],
  concurrency: number,
  total: number,
) {
  const latencies: number[] = [];
  const syncsBefore = inventory.journalStats.syncs;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await inventory.commit([healthDraft(serialOf(i % INSTALLATIONS), Date.now(), 'ok')]);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const fsyncs = inventory.journalStats.syncs - syncsBefore;
  return {
    concurrency,
    commits: total,
    commitsPerSecond: Math.round(total / seconds),
    fsyncs,
    commitsPerFsync: round(total / fsyncs),
    p50Ms: round(percentile(latencies, 0.5), 2),
    p99Ms: round(percentile(latencies, 0.99), 2),
  };
}

const dir = tempDir('fleetdesk-bench-');
try {
  const buildStarted = performance.now();
  await appendRange(dir.path, 0, ENTRIES - SNAPSHOT_LAG);
  const first = await openInventory(dir.path);
  const snapshotWrite = first.inventory.snapshotStats;
  first.inventory.flushSnapshot();
  await first.inventory.close();
  await appendRange(dir.path, ENTRIES - SNAPSHOT_LAG, ENTRIES);
  const buildMs = performance.now() - buildStarted;
  const journalBytes = readdirSync(join(dir.path, 'journal')).reduce(
    (sum, f) => sum + statSync(join(dir.path, 'journal', f)).size,
    0,
  );
  const snapshotBytes = statSync(join(dir.path, 'inventory.json')).size;

  const withLaggingSnapshot = timeOpen(dir.path);
  renameSync(join(dir.path, 'inventory.json'), join(dir.path, 'inventory.aside'));
  const withoutSnapshot = timeOpen(dir.path);
  renameSync(join(dir.path, 'inventory.aside'), join(dir.path, 'inventory.json'));

  const { inventory } = await openInventory(dir.path);
  inventory.flushSnapshot(); // snapshot at the head: what a clean shutdown leaves
  const snapshotAt10k = {
    ms: round(inventory.snapshotStats.lastMs),
    bytes: statSync(join(dir.path, 'inventory.json')).size,
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const groupCommit = [];
  for (const concurrency of [1, 16, 64, 256])
    groupCommit.push(await commitBurst(inventory, concurrency, concurrency === 1 ? 500 : 5000));
  loop.disable();
  await inventory.close();
  const withSnapshotAtHead = timeOpen(dir.path);

  const result = {
    benchmark: 'journal-startup',
    node: process.version,
    installations: INSTALLATIONS,
    journalEntries: ENTRIES,
    journalMiB: round(journalBytes / 2 ** 20),
    snapshotMiB: round(snapshotBytes / 2 ** 20),
    buildSeconds: round(buildMs / 1000),
    openToReady: {
      targetMs: 1500,
      snapshotAtHead: withSnapshotAtHead,
      snapshotLagging20k: withLaggingSnapshot,
      noSnapshotFullReplay: withoutSnapshot,
    },
    snapshotWriteAt10k: { ...snapshotAt10k, firstWriteMs: round(snapshotWrite.lastMs) },
    groupCommit,
    eventLoopDelayDuringCommitsMs: {
      p50: round(loop.percentile(50) / 1e6),
      p99: round(loop.percentile(99) / 1e6),
      max: round(loop.max / 1e6),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  dir.remove();
}
