/**
 * Benchmark: the Activity page's query over a 100,000-entry journal (mixed callbacks, notes,
 * commands, links; 10,000 serials; several segments). Measures building the index (the first
 * query), then warm pages with each kind of filter, a deep cursor, catching up after appends and
 * the full CSV export; the baseline is the naive way, re-reading and parsing the whole journal
 * for each page (`readSince(0)` + filter), measured in the same run.
 * Run: `npx tsx test/bench/activity-query.ts` — prints one JSON object on stdout.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ActivityService } from '../../electron/core/activity/activity-service';
import { systemClock } from '../../electron/core/clock';
import { CoreEvents } from '../../electron/core/events';
import { Journal } from '../../electron/core/journal/journal';
import type { ActivityFilter } from '../../shared/contract/activity-methods';
import { summarizeEntry } from '../../shared/domain/activity/entry-summary';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { healthDraft, onboardingDraft, serialOf } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';
import { percentile, progress, round, summarize } from './lib/stats';

const ENTRIES = 100_000;
const SERIALS = 10_000;
const TARGET_P95_MS = 100;

function draftAt(i: number): JournalDraft {
  const at = 1_790_000_000_000 + i * 1000;
  const serial = serialOf(i % SERIALS);
  if (i < SERIALS) return onboardingDraft(serial, at);
  if (i % 50 === 0)
    return {
      type: 'note.added',
      at,
      actor: i % 100 === 0 ? 'Grace' : 'Ann',
      serial,
      text: `checked battery ${i}`,
    };
  if (i % 20 === 0)
    return {
      type: 'command.created',
      at,
      actor: 'Grace',
      serial,
      commandId: `cmd-${i}`,
      kind: 'live',
      groups: ['storage'],
      command: { storage: { policy: 'discharge', setpointW: 5000 } },
      hold: false,
      validUntil: at + 60_000,
      topic: `standard1/rp_one_s/remoteControl/${serial}`,
      payload: '{"storage":{"policy":"discharge","setpoint":5000}}',
    };
  return healthDraft(serial, at, i % 13 === 0 ? 'warning' : 'ok');
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const dir = tempDir('fleetdesk-bench-activity-');
try {
  const journalDir = join(dir.path, 'journal');
  const { journal } = await Journal.open(journalDir);
  progress(`writing ${ENTRIES} entries`);
  for (let start = 0; start < ENTRIES; start += 1000) {
    const batch: Array<Promise<unknown>> = [];
    for (let i = start; i < start + 1000; i += 1) batch.push(journal.append([draftAt(i)]));
    await Promise.all(batch);
  }
  const activity = new ActivityService({
    journalDir,
    durableSeq: () => journal.lastSeq,
    events: new CoreEvents(),
    clock: systemClock,
  });

  const serial = serialOf(4242);
  const filters: Record<string, ActivityFilter> = {
    none: {},
    serial: { serial },
    category: { categories: ['control', 'notes'] },
    actor: { actor: 'Grace' },
    text: { text: 'battery 9' },
    timeRange: { from: 1_790_000_000_000 + 40_000_000, to: 1_790_000_000_000 + 60_000_000 },
    combined: { serial, categories: ['callbacks'], text: 'health' },
  };

  progress('baseline: re-read the whole journal per page');
  const naive: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    naive.push(
      (
        await time(async () => {
          const all = await journal.readSince(0);
          return all
            .filter((e) => e.serial === serial)
            .reverse()
            .slice(0, 100)
            .map(summarizeEntry);
        })
      ).ms,
    );
  }

  progress('building the index (first query)');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const build = await time(() => activity.query({ filter: {} }));
  loop.disable();

  const pages: Record<string, ReturnType<typeof summarize> & { total: number }> = {};
  const all: number[] = [];
  for (const [name, filter] of Object.entries(filters)) {
    const runs: number[] = [];
    let total = 0;
    for (let i = 0; i < 20; i += 1) {
      const { ms, value } = await time(() => activity.query({ filter }));
      runs.push(ms);
      total = value.total;
    }
    all.push(...runs);
    pages[name] = { ...summarize(runs), total };
  }
  // Page 500 of 1,000 (100 rows each): the cursor skips by sequence number.
  const deep = await time(() => activity.query({ filter: {}, cursor: ENTRIES / 2 }));
  progress('catching up after 1,000 appends');
  await Promise.all(Array.from({ length: 1000 }, (_, i) => journal.append([draftAt(ENTRIES + i)])));
  const catchUp = await time(() => activity.query({ filter: {} }));
  // The whole export, part after part, as the Activity page fetches it.
  const exportAll = await time(async () => {
    const parts = [await activity.exportCsv({})];
    for (let cursor = parts[0]?.nextCursor; typeof cursor === 'number'; cursor = parts.at(-1)?.nextCursor)
      parts.push(await activity.exportCsv({}, cursor));
    return {
      parts: parts.length,
      rows: parts.reduce((sum, p) => sum + p.rows, 0),
      chars: parts.reduce((sum, p) => sum + p.csv.length, 0),
    };
  });
  const exportSerial = await time(() => activity.exportCsv({ serial }));
  await journal.close();

  const warm = summarize(all);
  const warmP95 = round(percentile(Float64Array.from(all).sort(), 0.95), 2);
  const naiveMedian = [...naive].sort((a, b) => a - b)[1] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'activity-query',
      entries: ENTRIES,
      baselineFullReadPerPageMs: round(naiveMedian),
      firstQueryBuildsIndexMs: round(build.ms),
      buildEventLoopMaxBlockMs: round(loop.max / 1e6),
      warmPageMs: pages,
      warmAllFilters: { ...warm, p95: warmP95 },
      deepCursorPageMs: round(deep.ms, 2),
      catchUpAfter1000AppendsMs: round(catchUp.ms, 2),
      exportCsv: {
        allMs: round(exportAll.ms),
        allRows: exportAll.value.rows,
        allParts: exportAll.value.parts,
        allMiB: round(exportAll.value.chars / 2 ** 20, 2),
        serialMs: round(exportSerial.ms, 2),
        serialRows: exportSerial.value.rows,
      },
      warmP95VsBaseline: round(warmP95 / naiveMedian, 3),
      heapMiB: round(process.memoryUsage().heapUsed / 2 ** 20),
      target: { warmPageP95Ms: TARGET_P95_MS },
      pass: warmP95 < TARGET_P95_MS,
    })}\n`,
  );
} finally {
  dir.remove();
}
