/**
 * Benchmark: inventory start-up with 10,000 installations and a 100,000-entry journal (with live
 * commands, some left open), the whole core's start to ready on the same data, the cost of one
 * snapshot write through conf, and group-commit throughput and latency.
 * Run: `npx tsx test/bench/journal-startup.ts` — prints one JSON object on stdout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, statSync } from 'node:fs';
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
  return (
    commandDraftAt(i, at) ?? healthDraft(serialOf(i % INSTALLATIONS), at, i % 13 === 0 ? 'warning' : 'ok')
  );
}

/**
 * Live commands among the health callbacks: every 500th entry creates a held command, confirmed
 * by the next; every other one is released again, and every 5,000th entry adds one never
 * confirmed. At the end 80 are in force and 16 unsettled: what restart recovery ends at start.
 */
function commandDraftAt(i: number, at: number): JournalDraft | undefined {
  if (i < INSTALLATIONS * 2) return undefined;
  const serial = serialOf(Math.floor(i / 500) % INSTALLATIONS);
  const end = (commandId: string, state: 'confirmed' | 'released'): JournalDraft => ({
    type: 'command.outcome',
    at,
    actor: 'control',
    serial,
    commandId,
    state,
    detail: state,
  });
  switch (i % 1000) {
    case 0:
    case 500:
      return {
        type: 'command.created',
        at,
        actor: 'bench',
        serial,
        commandId: `cmd-${i}`,
        kind: 'live',
        groups: ['storage'],
        command: { storage: { policy: 'setpoint', setpointW: 300 } },
        hold: true,
        validUntil: at + 60_000,
        topic: `bench/${serial}/control`,
        payload: '{}',
      };
    case 1:
    case 501:
      return end(`cmd-${i - 1}`, 'confirmed');
    case 2:
      return end(`cmd-${i - 2}`, 'released');
    case 3:
      if (i % 5000 !== 3) return undefined;
      return { ...(commandDraftAt(i - 3, at) as JournalDraft), commandId: `unsettled-${i}` } as JournalDraft;
    default:
      return undefined;
  }
}

/** Commands the synthetic history leaves open after `count` entries (what recovery must end). */
function openCommandsIn(count: number): number {
  const open = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const draft = commandDraftAt(i, 0);
    if (draft?.type === 'command.created') open.add(draft.commandId);
    else if (draft?.type === 'command.outcome' && draft.state !== 'confirmed') open.delete(draft.commandId);
  }
  return open.size;
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

type CoreRun = {
  startMs: number;
  seq: number;
  recovered: number;
  openAfterRecovery: number;
  journalScanMs: number;
  listenerUp: boolean;
};

/**
 * Starts a whole core (listener, services, restart recovery) on a fresh copy of `dir` in a fresh
 * process, `runs` times: start-up journals what it recovers and stop writes a snapshot, so each
 * run needs the same untouched files.
 */
function timeCoreStart(dir: string, runs: number) {
  const results: CoreRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const copy = tempDir('fleetdesk-bench-core-');
    try {
      cpSync(dir, copy.path, { recursive: true });
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'core-start-once.ts'), copy.path, String(ENTRIES)],
        { env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' }, encoding: 'utf8' },
      );
      results.push(JSON.parse(out.trim().split('\n').at(-1) ?? '') as CoreRun);
    } finally {
      copy.remove();
    }
  }
  const start = results.map((r) => r.startMs).sort((a, b) => a - b);
  const scan = results.map((r) => r.journalScanMs).sort((a, b) => a - b);
  return {
    medianMs: round(percentile(start, 0.5)),
    minMs: round(start[0] ?? 0),
    maxMs: round(start.at(-1) ?? 0),
    // Recovery ended every command left open (so none is open after it), and the listener answered.
    recovered: results[0]?.recovered ?? 0,
    openAfterRecovery: results[0]?.openAfterRecovery ?? -1,
    listenerUp: results.every((r) => r.listenerUp),
    // What a full read of the journal (start-up's recovery input before this was kept in the state) costs.
    fullJournalReadMedianMs: round(percentile(scan, 0.5)),
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
  await first.inventory.flushSnapshot();
  const snapshotWrite = { ...first.inventory.snapshotStats };
  await first.inventory.close();
  await appendRange(dir.path, ENTRIES - SNAPSHOT_LAG, ENTRIES);
  const buildMs = performance.now() - buildStarted;
  const journalBytes = readdirSync(join(dir.path, 'journal')).reduce(
    (sum, f) => sum + statSync(join(dir.path, 'journal', f)).size,
    0,
  );
  const snapshotBytes = statSync(join(dir.path, 'inventory.json')).size;

  const withLaggingSnapshot = timeOpen(dir.path);
  const coreWithLaggingSnapshot = timeCoreStart(dir.path, 3);
  renameSync(join(dir.path, 'inventory.json'), join(dir.path, 'inventory.aside'));
  const withoutSnapshot = timeOpen(dir.path);
  renameSync(join(dir.path, 'inventory.aside'), join(dir.path, 'inventory.json'));

  const { inventory } = await openInventory(dir.path);
  await inventory.flushSnapshot(); // snapshot at the head: what a clean shutdown leaves
  // A routine write: the worker starts from that file and the entries since (one here), so the
  // main thread hands over nothing (`mainThreadMs` 0). `firstWrite*` below is the first write of
  // a folder with a journal and no snapshot file: the worker replays the whole journal onto the
  // empty state, so the main thread hands over nothing then either.
  await inventory.commit([healthDraft(serialOf(1), Date.now(), 'ok')]);
  await inventory.flushSnapshot();
  const snapshotAt10k = {
    ms: round(inventory.snapshotStats.lastMs),
    mainThreadMs: round(inventory.snapshotStats.lastMainThreadMs),
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
  const coreWithSnapshotAtHead = timeCoreStart(dir.path, 5);

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
    // createCore(...).start() to ready: settings, tokens, inventory, services, restart recovery of
    // the open commands, listener. Fresh process each run, as a real start.
    coreStartToReady: {
      targetMs: 1500,
      openCommandsAtStart: openCommandsIn(ENTRIES),
      snapshotAtHead: coreWithSnapshotAtHead,
      snapshotLagging20k: coreWithLaggingSnapshot,
    },
    snapshotWriteAt10k: {
      ...snapshotAt10k,
      firstWriteMs: round(snapshotWrite.lastMs),
      firstWriteMainThreadMs: round(snapshotWrite.lastMainThreadMs),
    },
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
