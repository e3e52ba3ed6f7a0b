/**
 * Benchmark: callback ingest through the real listener of an in-process core holding 10,000
 * installations, every call durable (journal fsync) before its 202, against a bare Express
 * endpoint that only answers 202, measured the same way in the same run.
 *
 * Phases: bare endpoint at max rate; Fleetdesk at max rate (mixed onboarding and health, unique
 * eventIds, integration tokens used in turn); Fleetdesk at a fixed 1,000 requests/s; a probe of
 * the per-address rate limit from one source address.
 *
 * Run: `npx tsx test/bench/ingest.ts` — prints one JSON object on stdout, progress on stderr.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  type EventLoopUtilization,
  monitorEventLoopDelay,
  PerformanceObserver,
  constants as perf,
} from 'node:perf_hooks';
import express from 'express';
import type { Inventory } from '../../electron/core/inventory/inventory';
import type { JournalStats } from '../../electron/core/journal/journal-writer';
import { DEFAULT_RATE_LIMITS } from '../../electron/core/listener/rate-limits';
import { createLogger } from '../../electron/core/logger';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import type { LoadResult } from './lib/http-load';
import { profiled } from './lib/profile';
import { seedFleet } from './lib/seed-fleet';
import { progress, round } from './lib/stats';
import { runLoadInChild, type CallbackWorkload, type LoadPhase } from './lib/workload';

const INSTALLATIONS = 10_000;
const CONNECTIONS = Number(process.env['BENCH_INGEST_CONNECTIONS'] ?? 32);
const DURATION_MS = Number(process.env['BENCH_INGEST_DURATION_MS'] ?? 10_000);
const WARMUP_MS = 2_000;
const FIXED_RATE = Number(process.env['BENCH_INGEST_FIXED_RATE'] ?? 1_000);
/** Integration tokens the load is spread over: each allows 6,000 calls a minute by default. */
const TOKENS = 32;
/** Below the default per-address limit (600 a minute): a connection then moves to a new address. */
const REQUESTS_PER_ADDRESS = 500;
/** More than the default per-address limit (600 a minute) allows, sent from one address. */
const PROBE_REQUESTS = 800;
const TARGET = { ratioMin: 0.5, fixedRateP99MsMax: 50 };
/** One installation in this many waits in the inbox (not linked); BENCH_PENDING_EVERY=2 for a roll-out. */
const PENDING_EVERY = Number(process.env['BENCH_PENDING_EVERY'] ?? 50);
/** BENCH_INGEST_PROFILE=<prefix>: CPU and heap profiles of the max-rate and fixed-rate phases (`<prefix>-max.*`, `<prefix>-rate.*`). */
const PROFILE = process.env['BENCH_INGEST_PROFILE'];

const summary = (r: LoadResult) => ({
  requestsPerSecond: r.requestsPerSecond,
  acceptedPerSecond: r.acceptedPerSecond,
  p50Ms: r.latencyMs.p50,
  p99Ms: r.latencyMs.p99,
  maxMs: r.latencyMs.max,
  statuses: r.statuses,
  errors: r.errors,
  requests: r.requests,
  sourceAddresses: r.sourceAddresses,
  clientCpuPercent: r.clientCpuPercent,
});

type Sample = {
  cpu: NodeJS.CpuUsage;
  at: number;
  elu: EventLoopUtilization;
  /** The listener's own thread (undefined for the bare endpoint). */
  listenerElu: EventLoopUtilization | undefined;
  journal: JournalStats | undefined;
  snapshotWrites: number | undefined;
};

/** What the window samples of the core (none for the bare endpoint). */
type CoreProbe = {
  journal(): Readonly<JournalStats>;
  /** Snapshot writes finished so far (each: ~1 s of a worker's CPU and ~9 MB written). */
  snapshotWrites(): number;
  listener(previous?: EventLoopUtilization): EventLoopUtilization | undefined;
};

/**
 * Runs a phase while sampling this (server) process over its measured window: CPU, event loop,
 * fsyncs, and the core's background work that falls in it.
 */
async function measured(phase: LoadPhase, probe?: CoreProbe) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  // GC pauses on this thread in the window: the usual suspects for a latency tail.
  const gc = { minorMs: 0, majorMs: 0, majorMaxMs: 0, minorMaxMs: 0, majors: 0 };
  let measuring = false;
  const gcWatch = new PerformanceObserver((list) => {
    if (!measuring) return;
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perf.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majors += 1;
        gc.majorMs += e.duration;
        gc.majorMaxMs = Math.max(gc.majorMaxMs, e.duration);
      } else {
        gc.minorMs += e.duration;
        gc.minorMaxMs = Math.max(gc.minorMaxMs, e.duration);
      }
    }
  });
  gcWatch.observe({ entryTypes: ['gc'] });
  const sample = (): Sample => ({
    cpu: process.cpuUsage(),
    at: performance.now(),
    elu: performance.eventLoopUtilization(),
    listenerElu: probe?.listener(),
    journal: probe && { ...probe.journal() },
    snapshotWrites: probe?.snapshotWrites(),
  });
  let from: Sample | undefined;
  let to: Sample | undefined;
  const result = await runLoadInChild(phase, (edge) => {
    if (edge === 'start') {
      from = sample();
      loop.enable();
      measuring = true;
    } else {
      to = sample();
      loop.disable();
      measuring = false;
    }
  });
  gcWatch.disconnect();
  if (!from || !to) throw new Error('the load generator did not report its measured window');
  const cpuMs = (to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) / 1000;
  const entries = from.journal && to.journal ? to.journal.entries - from.journal.entries : undefined;
  const fsyncs = from.journal && to.journal ? to.journal.syncs - from.journal.syncs : undefined;
  return {
    result,
    server: {
      cpuPercent: Math.round((cpuMs / (to.at - from.at)) * 100),
      // Share of the window the main thread was busy (1: it is the bottleneck; less: it waited).
      mainThreadBusy: round(performance.eventLoopUtilization(to.elu, from.elu).utilization, 3),
      // The same for the listener's thread (HTTP, auth, limits, validation), where it has one.
      ...(from.listenerElu &&
        to.listenerElu && {
          listenerThreadBusy: round(
            performance.eventLoopUtilization(to.listenerElu, from.listenerElu).utilization,
            3,
          ),
        }),
      eventLoopDelayMs: {
        p50: round(loop.percentile(50) / 1e6),
        p99: round(loop.percentile(99) / 1e6),
        max: round(loop.max / 1e6),
      },
      gcPausesMs: {
        minorTotal: round(gc.minorMs),
        minorMax: round(gc.minorMaxMs),
        majors: gc.majors,
        majorTotal: round(gc.majorMs),
        majorMax: round(gc.majorMaxMs),
      },
      ...(entries !== undefined &&
        fsyncs !== undefined && {
          journalEntries: entries,
          fsyncs,
          entriesPerFsync: round(entries / Math.max(1, fsyncs)),
          // Durable writes (write + fsync) slower than 20 ms in the window, and the slowest so far.
          slowFsyncs: (to.journal?.slowSyncs ?? 0) - (from.journal?.slowSyncs ?? 0),
          slowestFsyncMsSoFar: round(to.journal?.syncMsMax ?? 0),
          // The disk's share of a commit cycle: the rest is the main thread's turn around it.
          meanFsyncMs: round(
            ((to.journal?.syncMsTotal ?? 0) - (from.journal?.syncMsTotal ?? 0)) / Math.max(1, fsyncs),
          ),
        }),
      ...(from.snapshotWrites !== undefined &&
        to.snapshotWrites !== undefined && {
          // A snapshot write (~1 s of a worker's CPU) slows the 202s of its window. Under load it
          // waits for a lull (snapshot-scheduler.ts), so 0 here unless 60,000 entries are unsaved.
          snapshotWritesEnded: to.snapshotWrites - from.snapshotWrites,
        }),
    },
  };
}

/**
 * Counts `inventory.timeline` reads in flight by wrapping the method on this one instance (a
 * measurement only; the product code is unchanged). Nothing but the inbox refresh reads timelines
 * here, so the highest count in flight is how many refreshes overlapped.
 */
function watchTimelineReads(inventory: Inventory): { max(): number; total(): number } {
  const original = inventory.timeline.bind(inventory);
  let inFlight = 0;
  let max = 0;
  let total = 0;
  inventory.timeline = async (serial: string) => {
    inFlight += 1;
    total += 1;
    max = Math.max(max, inFlight);
    try {
      return await original(serial);
    } finally {
      inFlight -= 1;
    }
  };
  return { max: () => max, total: () => total };
}

function phase(
  port: number,
  workload: CallbackWorkload,
  extra: Partial<LoadPhase> & Pick<LoadPhase, 'addressNet'>,
): LoadPhase {
  return {
    host: '127.0.0.1',
    port,
    mode: 'max',
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    warmupMs: WARMUP_MS,
    requestsPerAddress: REQUESTS_PER_ADDRESS,
    workload,
    ...extra,
  };
}

async function bareEndpoint(workload: CallbackWorkload, addressNet: number) {
  const app = express();
  app.use(express.json());
  app.post('/v1/:kind', (_req, res) => {
    res.status(202).end();
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  progress(
    `bare Express endpoint on :${port}, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s at max rate`,
  );
  try {
    return await measured(phase(port, { ...workload, tag: 'bare' }, { addressNet }));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const dir = tempDir('fleetdesk-bench-ingest-');
// The app's default log level, to stderr as it ships (the bench runner silences its children
// through FLEETDESK_LOG_LEVEL, so it is named here): what logging costs per call is measured too.
const core = makeCore(dir.path, undefined, undefined, createLogger('info'));
try {
  const workload: CallbackWorkload = {
    tokens: ['bare-endpoint-ignores-this-token'],
    serials: INSTALLATIONS,
    onboardingEvery: 5,
    newSerialEvery: 20,
    tag: '',
  };
  // The baseline runs before and after Fleetdesk; the ratio uses their mean, so that drift of a
  // shared 2-core machine over the run weighs on both sides alike.
  const bare = await bareEndpoint(workload, 20);
  progress(`bare: ${bare.result.acceptedPerSecond} accepted/s, p99 ${bare.result.latencyMs.p99} ms`);

  await core.start();
  const seeded = await seedFleet(core, INSTALLATIONS, { pendingEvery: PENDING_EVERY });
  progress(`seeded ${seeded.installations} installations (${seeded.pending} pending) in ${seeded.ms} ms`);
  const tokens: string[] = [];
  for (let t = 0; t < TOKENS; t += 1) {
    const created = await core.call('tokens.create', { label: `bench integration ${t}`, serial: null });
    if (!created.ok) throw new Error(`tokens.create: ${created.error.message}`);
    tokens.push((created.value as { secret: string }).secret);
  }
  const { inventory } = core.services();
  const sampled: CoreProbe = {
    journal: () => inventory.journalStats,
    snapshotWrites: () => inventory.snapshotStats.writes,
    listener: (previous) => core.listenerUtilization(previous),
  };
  const reads = watchTimelineReads(inventory);
  const port = Number(new URL(core.info().listenerUrl).port);
  const calls: CallbackWorkload = { ...workload, tokens };

  progress(`Fleetdesk listener on :${port}, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s at max rate`);
  const seqBefore = inventory.seq;
  const max = await profiled(PROFILE, 'max', () =>
    measured(phase(port, { ...calls, tag: 'max' }, { addressNet: 21 }), sampled),
  );
  progress(`fleetdesk: ${max.result.acceptedPerSecond} accepted/s, p99 ${max.result.latencyMs.p99} ms`);

  progress(`Fleetdesk listener at a fixed ${FIXED_RATE}/s for ${DURATION_MS / 1000} s`);
  const fixed = await profiled(PROFILE, 'rate', () =>
    measured(
      phase(
        port,
        { ...calls, tag: 'rate' },
        { addressNet: 22, mode: 'rate', rate: FIXED_RATE, connections: 64, warmupMs: 1_000 },
      ),
      sampled,
    ),
  );
  progress(`fixed rate: p50 ${fixed.result.latencyMs.p50} ms, p99 ${fixed.result.latencyMs.p99} ms`);

  // What the default per-address limit does to one client address (127.0.0.1, unused so far).
  const probe = await runLoadInChild(
    phase(
      port,
      { ...calls, tag: 'probe' },
      {
        addressNet: null,
        connections: 8,
        durationMs: 20_000,
        maxRequests: PROBE_REQUESTS,
        warmupMs: 0,
        requestsPerAddress: Number.MAX_SAFE_INTEGER,
      },
    ),
  );
  const journaled = inventory.seq - seqBefore;
  const bareAfter = await bareEndpoint(workload, 23);
  progress(
    `bare again: ${bareAfter.result.acceptedPerSecond} accepted/s, p99 ${bareAfter.result.latencyMs.p99} ms`,
  );
  const bareRps = (bare.result.acceptedPerSecond + bareAfter.result.acceptedPerSecond) / 2;

  const ratio = round(max.result.acceptedPerSecond / Math.max(1, bareRps), 3);
  const allAccepted = (r: LoadResult) => Object.keys(r.statuses).every((s) => s === '202') && r.errors === 0;
  const checks = {
    ratio: ratio >= TARGET.ratioMin,
    fixedRateP99: fixed.result.latencyMs.p99 < TARGET.fixedRateP99MsMax,
    everyMeasuredCallAccepted: allAccepted(max.result) && allAccepted(fixed.result),
  };
  const result = {
    benchmark: 'ingest',
    node: process.version,
    installations: INSTALLATIONS,
    seeded,
    workload: {
      mix: `1 in ${workload.onboardingEvery} onboarding (1 in ${workload.newSerialEvery} of those from a new serial), the rest health; a unique eventId each`,
      tokens: `${TOKENS} integration tokens, used in turn`,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_MS / 1000,
      measuredSeconds: DURATION_MS / 1000,
      sourceAddresses: `127.x.y.z, a new one every ${REQUESTS_PER_ADDRESS} requests (per-address limit)`,
      dataDirFilesystem: 'OS temp dir',
    },
    bareExpress: {
      before: { ...summary(bare.result), server: bare.server },
      after: { ...summary(bareAfter.result), server: bareAfter.server },
      meanAcceptedPerSecond: Math.round(bareRps),
    },
    fleetdesk: { ...summary(max.result), server: max.server },
    ratio,
    fixedRate: { targetRps: FIXED_RATE, ...summary(fixed.result), server: fixed.server },
    journalEntriesWritten: journaled,
    diagnostics: {
      // Timeline reads are what the inbox refresh does per pending installation (one file open,
      // reads and close each, on libuv's thread pool, which the journal's fsync shares).
      timelineReads: reads.total(),
      maxConcurrentTimelineReads: reads.max(),
      threadPoolSize: Number(process.env['UV_THREADPOOL_SIZE'] ?? 4),
      // Snapshot writes run in a worker thread; mainThreadMs is the hand-over of the last one.
      snapshotWrites: inventory.snapshotStats,
    },
    rateLimits: {
      defaults: DEFAULT_RATE_LIMITS,
      oneAddressProbe: {
        requests: PROBE_REQUESTS,
        from: '127.0.0.1',
        statuses: probe.statuses,
        errors: probe.errors,
      },
    },
    checks,
    target: TARGET,
    pass: Object.values(checks).every(Boolean),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await core.stop().catch(() => undefined);
  dir.remove();
}
