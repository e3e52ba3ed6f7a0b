/**
 * Fan-out: one command to N (10,000) simulated installations through mosquitto until every one is
 * confirmed by the controller's feedback, next to N raw mqtt.js request/replies between two plain
 * clients in the same run (target: core time ≤ 1.5 × raw time).
 *
 * Fair baseline: the controller side is one process with one shared MQTT connection in both cases
 * (the simulator with `sharedConnection`, or a plain responder that answers each request with one
 * reply at once); the requester side (the core, or a plain client) runs in this process. The raw
 * time is measured before and after the core runs (after a warm-up run) and averaged. The command is a policy change
 * (`storage: cost`), which a controller confirms in its first feedback; a setpoint would also
 * wait for the battery to ramp, which is physics, not messaging.
 *
 * The core is measured at the configured fleet-wide publish rate (`BENCH_FANOUT_RATE`, default
 * 10,000/s) and at the default of `ControlOptions.globalPerSecond`: the cap alone bounds the time
 * to N / rate seconds. The simulator's own answer time (publish → its feedback) is probed too,
 * because every confirmation waits for it.
 *
 * Knobs: BENCH_FANOUT_N (10000), BENCH_FANOUT_RATE (10000), BENCH_SIM_TICK_MS (20), BENCH_RAW_WINDOW
 * (requests the raw client keeps in flight, 500), BENCH_FANOUT_AUDIT_BATCH (the core's `auditBatch`;
 * default: its own), BENCH_FANOUT_PROFILE=<prefix>: a V8 CPU profile of
 * each core run (send → last confirmation, this process) in `<prefix>-<rate>.cpuprofile`, and a sampling
 * heap profile (allocations) in `<prefix>-<rate>.heapprofile`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { DEFAULT_CONTROL_OPTIONS, type CommandView } from '../../electron/core/control';
import { isTerminal } from '../../shared/domain/control/lifecycle';
import { DEFAULT_PROFILE, encodeLiveCommand } from '../../shared/protocol/profile';
import { SHARED_SIMULATOR_LIMITS, startBenchMosquitto } from './lib/bench-mosquitto';
import { startControlCore } from './lib/control-core';
import { processCpuMs } from './lib/process-cpu';
import { profiled } from './lib/profile';
import { startReadyChild } from './lib/ready-child';
import { startSharedSimulator } from './lib/shared-simulator';
import { progress, round, summarize } from './lib/stats';

const N = Number(process.env['BENCH_FANOUT_N'] ?? 10_000);
const CONFIGURED_RATE = Number(process.env['BENCH_FANOUT_RATE'] ?? 10_000);
const TICK_MS = Number(process.env['BENCH_SIM_TICK_MS'] ?? 20);
const TARGET_RATIO = 1.5;
const RAW_WINDOW = Number(process.env['BENCH_RAW_WINDOW'] ?? 500);
const FLEET = { count: N, seed: 4242, serialStart: 1, fallbackTimeoutS: 600 };
const FEEDBACK = 'standard1/outbound/remoteControlMetrics/feedback/';
const PROFILE = process.env['BENCH_FANOUT_PROFILE'];
/** `ControlOptions.auditBatch` for the core (0: its default). */
const AUDIT_BATCH = Number(process.env['BENCH_FANOUT_AUDIT_BATCH'] ?? 0);
const serialOf = (n: number) => `SG1-${String(n).padStart(6, '0')}`;

/** CPU time of this process (the core's) and the GC pauses within it, while `fn` runs. */
async function measured<T>(fn: () => Promise<T>): Promise<T & { cpuMs: number; gcMs: number }> {
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage();
  try {
    const result = await fn();
    const used = process.cpuUsage(cpu);
    return { ...result, cpuMs: (used.user + used.system) / 1000, gcMs };
  } finally {
    gc.disconnect();
  }
}

/** CPU time of the raw requester (this process) per raw run, for comparison with the core's. */
const rawCpuMs: number[] = [];
/** CPU time of the other side per raw run: the responder process and mosquitto. */
const rawOthersCpuMs: Array<Record<string, number | undefined>> = [];

/** CPU ms each named process uses between this call and the returned function's call. */
function cpuOf(pids: Record<string, number | undefined>): () => Record<string, number | undefined> {
  const before = Object.entries(pids).map(([name, pid]) => [name, pid, processCpuMs(pid)] as const);
  return () =>
    Object.fromEntries(
      before.map(([name, pid, from]) => {
        const to = processCpuMs(pid);
        return [name, from === undefined || to === undefined ? undefined : round(to - from)];
      }),
    );
}

/** N request/replies between two plain clients: the requester here, the responder in its own process. */
async function rawRequestReply(url: string, brokerPid: number | undefined, n = N): Promise<number> {
  const responder = await startReadyChild('test/bench/lib/raw-responder.ts', [url]);
  const client = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true, reconnectPeriod: 0 });
  try {
    const replied = new Set<string>();
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (done = resolve));
    let next = 0;
    const sendNext = (): void => {
      const p = payloads[next++];
      if (p !== undefined) client.publish(p.topic, p.payload, { qos: 1 });
    };
    client.on('message', (topic) => {
      replied.add(topic.slice(FEEDBACK.length));
      if (replied.size === n) done();
      sendNext();
    });
    await client.subscribeAsync(`${FEEDBACK}+`, { qos: 1 });
    const now = Date.now();
    const payloads = Array.from({ length: n }, (_, i) =>
      encodeLiveCommand(
        DEFAULT_PROFILE,
        serialOf(i + 1),
        { storage: { policy: 'cost' } },
        {
          now,
          validUntil: now + 600_000,
          commandId: `raw-${i}`,
        },
      ),
    );
    const started = performance.now();
    const cpu = process.cpuUsage();
    const others = cpuOf({ responder: responder.child.pid, broker: brokerPid });
    // A window of requests in flight, each reply lets the next one go: mosquitto queues at most
    // 1,000 messages per client by default and drops QoS 1 beyond that, so a blind blast loses some.
    for (let i = 0; i < RAW_WINDOW; i++) sendNext();
    await all;
    const used = process.cpuUsage(cpu);
    rawCpuMs.push((used.user + used.system) / 1000);
    rawOthersCpuMs.push(others());
    return performance.now() - started;
  } finally {
    await client.endAsync();
    await responder.stop();
  }
}

/** Publish → first feedback of that controller, one controller at a time (the simulator's answer time). */
async function simulatorAnswerMs(url: string, samples: number): Promise<number[]> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true, reconnectPeriod: 0 });
  const times: number[] = [];
  try {
    let waiting: { serial: string; resolve: () => void } | undefined;
    client.on('message', (topic) => {
      if (waiting && topic === `${FEEDBACK}${waiting.serial}`) waiting.resolve();
    });
    for (let i = 0; i < samples; i++) {
      const serial = serialOf(N - i);
      await client.subscribeAsync(`${FEEDBACK}${serial}`, { qos: 1 });
      const now = Date.now();
      const m = encodeLiveCommand(
        DEFAULT_PROFILE,
        serial,
        { storage: { policy: 'self-consumption' } },
        {
          now,
          validUntil: now + 60_000,
          commandId: `probe-${i}`,
        },
      );
      const started = performance.now();
      await new Promise<void>((resolve) => {
        waiting = { serial, resolve };
        client.publish(m.topic, m.payload, { qos: 1 });
      });
      times.push(performance.now() - started);
      await client.unsubscribeAsync(`${FEEDBACK}${serial}`);
      // One command a second per controller: each sample uses another controller.
    }
  } finally {
    await client.endAsync();
  }
  return times;
}

type CoreRun = {
  rate: number;
  ms: number;
  confirmed: number;
  ended: Record<string, number>;
  details: string[];
  sendMs: number;
  /** Send → first publish (admission, pacing, audit commit); first → last publish; first publish → last confirmation. */
  firstPublishMs: number;
  publishSpanMs: number;
  firstPublishToLastConfirmedMs: number;
  /** CPU time of the core's process (user + system) and its GC pauses during the run. */
  cpuMs: number;
  gcMs: number;
  /** Journal group commits (write + fsync) and entries during the run. */
  journal: { commits: number; entries: number };
  /** CPU ms of the other processes during the run: the simulated fleet and mosquitto. */
  othersCpuMs: Record<string, number | undefined>;
};

/** One command to every installation through a real core; until each is confirmed (or ended). */
async function coreFanout(
  url: string,
  rate: number,
  others: Record<string, number | undefined>,
  fleet = FLEET,
): Promise<CoreRun> {
  const n = fleet.count;
  const bench = await startControlCore(url, fleet, {
    globalPerSecond: rate,
    ...(AUDIT_BATCH > 0 ? { auditBatch: AUDIT_BATCH } : {}),
  });
  try {
    const { control, inventory } = bench.core.services();
    const journalBefore = { ...inventory.journalStats };
    const confirmed = new Set<string>();
    const ended = new Map<string, string>();
    const details = new Set<string>();
    // Wall-clock ms (the core's clock): when the publishes went and the last confirmation came.
    let firstSentAt = Number.POSITIVE_INFINITY;
    let lastSentAt = 0;
    let lastConfirmedAt = 0;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (done = resolve));
    control.on((e) => {
      if (e.type !== 'commands') return;
      for (const c of e.commands as CommandView[]) {
        if (c.state.state === 'confirmed') {
          confirmed.add(c.commandId);
          firstSentAt = Math.min(firstSentAt, c.state.sentAt);
          lastSentAt = Math.max(lastSentAt, c.state.sentAt);
          lastConfirmedAt = Math.max(lastConfirmedAt, c.state.at);
        } else if (isTerminal(c.state) && !confirmed.has(c.commandId)) {
          ended.set(c.commandId, c.state.state);
          if (details.size < 5) details.add(`${c.state.state}: ${c.state.detail}`);
        }
      }
      if (confirmed.size + ended.size >= n) done();
    });
    let startedAt = 0;
    const othersCpu = cpuOf(others);
    const { ms, sendMs, cpuMs, gcMs } = await measured(() =>
      profiled(PROFILE, n === N ? String(rate) : `${rate}-warmup`, async () => {
        const started = performance.now();
        startedAt = Date.now();
        const sent = await control.send(
          bench.serials,
          { kind: 'live', hold: false, command: { storage: { policy: 'cost' } } },
          { reason: 'fan-out benchmark', confirmation: { typedHomes: n } },
        );
        if (!sent.ok) throw new Error(`send refused: ${sent.code}: ${sent.reason}`);
        const sendMs = performance.now() - started;
        await all;
        return { ms: performance.now() - started, sendMs };
      }),
    );
    const othersCpuMs = othersCpu();
    const endedCounts: Record<string, number> = {};
    for (const state of ended.values()) endedCounts[state] = (endedCounts[state] ?? 0) + 1;
    const journal = {
      commits: inventory.journalStats.syncs - journalBefore.syncs,
      entries: inventory.journalStats.entries - journalBefore.entries,
    };
    return {
      rate,
      ms,
      confirmed: confirmed.size,
      ended: endedCounts,
      details: [...details],
      sendMs,
      journal,
      cpuMs,
      gcMs,
      othersCpuMs,
      firstPublishMs: firstSentAt - startedAt,
      publishSpanMs: lastSentAt - firstSentAt,
      firstPublishToLastConfirmedMs: lastConfirmedAt - firstSentAt,
    };
  } finally {
    await bench.stop();
  }
}

// BENCH_BROKER_DEFAULTS=1 keeps mosquitto's per-client limits (see lib/bench-mosquitto.ts).
const DEFAULT_LIMITS = process.env['BENCH_BROKER_DEFAULTS'] === '1';
const broker = await startBenchMosquitto(DEFAULT_LIMITS ? [] : SHARED_SIMULATOR_LIMITS);
try {
  progress(`fanout: raw baseline, ${N} request/replies (after a warm-up run)`);
  await rawRequestReply(broker.url, broker.pid(), Math.ceil(N / 10));
  const rawBefore = await rawRequestReply(broker.url, broker.pid());
  progress(`fanout: raw ${round(rawBefore)} ms; starting ${N} simulated controllers`);
  const sim = await startSharedSimulator(broker.url, FLEET, {
    // Periodic feedback out of the way: confirmations come from the feedback each command triggers.
    feedbackPeriodS: 3600,
    tickMs: TICK_MS,
    ...(process.env['BENCH_SIM_LOG'] ? { logFile: process.env['BENCH_SIM_LOG'] } : {}),
  });
  let answer: number[];
  let configured: CoreRun;
  let byDefault: CoreRun;
  try {
    answer = await simulatorAnswerMs(broker.url, 30);
    progress(
      `fanout: simulator answers in ${round(summarize(answer).p50)} ms (p50); core at ${CONFIGURED_RATE}/s`,
    );
    // Warm-up, as for the raw baseline: a tenth of the fleet through a core of its own.
    const others = { simulator: sim.child.pid, broker: broker.pid() };
    await coreFanout(broker.url, CONFIGURED_RATE, others, { ...FLEET, count: Math.ceil(N / 10) });
    configured = await coreFanout(broker.url, CONFIGURED_RATE, others);
    progress(
      `fanout: ${round(configured.ms)} ms; core at the default ${DEFAULT_CONTROL_OPTIONS.globalPerSecond}/s`,
    );
    byDefault = await coreFanout(broker.url, DEFAULT_CONTROL_OPTIONS.globalPerSecond, others);
    progress(`fanout: ${round(byDefault.ms)} ms`);
  } finally {
    await sim.stop();
  }
  const rawAfter = await rawRequestReply(broker.url, broker.pid());
  const rawMs = (rawBefore + rawAfter) / 2;
  const ratio = (run: CoreRun) => round(run.ms / rawMs, 2);
  const view = (run: CoreRun) => ({
    globalPerSecond: run.rate,
    allConfirmedMs: round(run.ms),
    sendResolvedMs: round(run.sendMs),
    confirmed: run.confirmed,
    endedOtherwise: run.ended,
    endedDetails: run.details,
    ratio: ratio(run),
    firstPublishMs: run.firstPublishMs,
    publishSpanMs: run.publishSpanMs,
    firstPublishToLastConfirmedMs: run.firstPublishToLastConfirmedMs,
    ratioFromFirstPublish: round(run.firstPublishToLastConfirmedMs / rawMs, 2),
    coreProcessCpuMs: round(run.cpuMs),
    coreProcessGcMs: round(run.gcMs),
    othersCpuMs: run.othersCpuMs,
    journalCommits: run.journal.commits,
    journalEntries: run.journal.entries,
    // The sliding one-second window lets the first `rate` go at once: N / rate − 1 seconds at least.
    floorFromRateMs: round(Math.max(0, N / run.rate - 1) * 1000),
  });
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'fanout',
      installations: N,
      rawRequestReplyMs: { before: round(rawBefore), after: round(rawAfter), mean: round(rawMs) },
      // The warm-up run (N / 10) is the first entry.
      rawRequesterCpuMs: rawCpuMs.map((ms) => round(ms)),
      // The other side of each raw run (same order): the responder process and mosquitto.
      rawOthersCpuMs,
      simulatorAnswerMs: summarize(answer, 1),
      simulatorTickMs: TICK_MS,
      configuredRate: view(configured),
      defaultRate: view(byDefault),
      target: { ratioAtConfiguredRate: TARGET_RATIO, allConfirmed: N },
      pass: ratio(configured) <= TARGET_RATIO && configured.confirmed === N,
    })}\n`,
  );
} finally {
  await broker.stop();
}
