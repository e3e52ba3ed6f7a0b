/**
 * Sustained feedback: 10,000 simulated installations report every 10 s (1,000 messages a second)
 * to the real headless host for BENCH_SUSTAINED_MINUTES (default 10). The host runs in a child
 * process of its own (electron/host/cli.ts, connected with --broker), so its CPU and RSS are its
 * own: both are sampled from /proc every 10 s. By default the host is built first the way the
 * packaged app is (lib/bundled-host.ts: one Vite bundle run by plain node), because under tsx it
 * also carries the TypeScript loader, every module's transpiled text and source maps, which
 * measured 30–50 MB of RSS the app never has; BENCH_SUSTAINED_HOST=tsx runs the sources. A UI
 * client on the host's WebSocket counts the event frames a UI receives (batched updates). A plain
 * MQTT client counts the feedback actually flowing.
 *
 * Reports the series, max/mean CPU (% of one core) and RSS, the RSS slope (least squares, MB per
 * minute; "flat" when the growth it predicts over the run is under 10 % of the mean RSS), the RSS
 * before any feedback arrived, and UI updates per second. Targets: CPU < 20 % of one core, RSS <
 * 250 MB, flat. The live history is bounded and fills by design: 90 readings as received (2.5 KB
 * per installation) from the first feedback, and at 15 minutes the per-minute tier for the rest of
 * the hour (2.9 KB), then nothing more (electron/core/live/feedback-history.ts). A run past 20
 * minutes therefore also reports the slope after that step (`slopeAfterHistoryBoundMBPerMin`, from
 * minute 16), and "flat" is judged on it: growth there would be a leak, the step is the bound.
 * A 10-minute run stays before the step.
 *
 * The first feedback cycle after start-up (every installation's first "seen on MQTT") is warm-up,
 * not measured: BENCH_SUSTAINED_WARMUP_S (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { SHARED_SIMULATOR_LIMITS, startBenchMosquitto } from './lib/bench-mosquitto';
import { startControlCore } from './lib/control-core';
import { buildBundledHost } from './lib/bundled-host';
import { HOST_FROM_SOURCES, processUsage, startHostProcess, uiClient } from './lib/host-process';
import { startSharedSimulator } from './lib/shared-simulator';
import { progress, round } from './lib/stats';
import { waitFor } from '../simulator/wait-for';

const N = Number(process.env['BENCH_SUSTAINED_N'] ?? 10_000);
const MINUTES = Number(process.env['BENCH_SUSTAINED_MINUTES'] ?? 10);
const WARMUP_S = Number(process.env['BENCH_SUSTAINED_WARMUP_S'] ?? 30);
/** `bundle` (default): the host built as the packaged app is; `tsx`: from the sources, as `npm run serve`. */
const HOST_BUILD = process.env['BENCH_SUSTAINED_HOST'] === 'tsx' ? 'tsx' : 'bundle';
const PERIOD_S = 10;
const SAMPLE_MS = 10_000;
const TARGET = { cpuPctOfOneCore: 20, rssMB: 250 };
const FLEET = { count: N, seed: 777, serialStart: 1, fallbackTimeoutS: 600 };
const FEEDBACK = 'standard1/outbound/remoteControlMetrics/feedback/';
/** When every installation's history holds its whole bound (15 minutes of feedback, plus a minute). */
const HISTORY_BOUND_S = 16 * 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    den += ((xs[i] ?? 0) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

progress(
  `sustained: host ${HOST_BUILD === 'bundle' ? 'bundled (lib/bundled-host.ts)' : 'from sources (tsx)'}`,
);
const bundle = HOST_BUILD === 'bundle' ? await buildBundledHost() : undefined;
const broker = await startBenchMosquitto(SHARED_SIMULATOR_LIMITS);
const dataDir = mkdtempSync(join(tmpdir(), 'fleetdesk-bench-sustained-'));
try {
  // The inventory as onboarding would have left it, written by an in-process core that then stops.
  progress(`sustained: onboarding ${N} installations`);
  const seeded = await startControlCore(broker.url, FLEET, {}, dataDir);
  await seeded.core.stop();

  // The host first, so its memory before any feedback is known (the live history grows with feedback).
  const host = await startHostProcess(
    ['--data-dir', dataDir, '--ui-port', '0', '--listener-port', '0', '--broker', broker.url],
    120_000,
    bundle ? [bundle.entry] : HOST_FROM_SOURCES,
  );
  const ui = await uiClient(host.uiUrl);
  await waitFor(
    'the host subscribed to every installation',
    async () => {
      const o = await ui.call<{ link: { subscriptions: { total: number; confirmed: number } } }>(
        'control.overview',
      );
      return o.link.subscriptions.confirmed >= N;
    },
    120_000,
    500,
  );
  await sleep(3000);
  const rssBeforeFeedbackMB = round(processUsage(host.pid).rssBytes / 2 ** 20);
  progress(`sustained: host pid ${host.pid}, ${rssBeforeFeedbackMB} MB before any feedback`);
  progress(`sustained: starting ${N} simulated controllers (feedback every ${PERIOD_S} s)`);
  const sim = await startSharedSimulator(broker.url, FLEET, { feedbackPeriodS: PERIOD_S });
  const counter = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clean: true });
  let feedbackMessages = 0;
  counter.on('message', () => (feedbackMessages += 1));
  await counter.subscribeAsync(`${FEEDBACK}+`, { qos: 0 });

  try {
    progress(`sustained: warm-up ${WARMUP_S} s`);
    await sleep(WARMUP_S * 1000);
    const link = await ui.call<{
      link: { state: string; subscriptions: { total: number; confirmed: number } };
    }>('control.overview');
    progress(
      `sustained: link ${link.link.state}, subscriptions ${JSON.stringify(link.link.subscriptions)}; measuring ${MINUTES} min`,
    );

    const series: Array<{
      tS: number;
      cpuPct: number;
      rssMB: number;
      uiEventsPerS: number;
      feedbackPerS: number;
    }> = [];
    const uiTotal = () => [...ui.counts.values()].reduce((a, b) => a + b, 0);
    const started = performance.now();
    let prev = { at: started, usage: processUsage(host.pid), ui: uiTotal(), feedback: feedbackMessages };
    const uiAtStart = new Map(ui.counts);
    while (performance.now() - started < MINUTES * 60_000) {
      await sleep(SAMPLE_MS);
      const at = performance.now();
      const usage = processUsage(host.pid);
      const seconds = (at - prev.at) / 1000;
      series.push({
        tS: round((at - started) / 1000),
        cpuPct: round(((usage.cpuMs - prev.usage.cpuMs) / (at - prev.at)) * 100),
        rssMB: round(usage.rssBytes / 2 ** 20),
        uiEventsPerS: round((uiTotal() - prev.ui) / seconds, 2),
        feedbackPerS: round((feedbackMessages - prev.feedback) / seconds),
      });
      prev = { at, usage, ui: uiTotal(), feedback: feedbackMessages };
      progress(`sustained: ${JSON.stringify(series.at(-1))}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = series.map((s) => s.cpuPct);
    const rss = series.map((s) => s.rssMB);
    const mean = (v: number[]) => round(v.reduce((a, b) => a + b, 0) / v.length);
    const rssSlopePerMin = round(
      slope(
        series.map((s) => s.tS / 60),
        rss,
      ),
      2,
    );
    // After the history's one step (see the top): only samples from minute 16 on.
    const bounded = series.filter((s) => s.tS >= HISTORY_BOUND_S);
    const slopeAfterBound =
      seconds >= 20 * 60
        ? round(
            slope(
              bounded.map((s) => s.tS / 60),
              bounded.map((s) => s.rssMB),
            ),
            2,
          )
        : undefined;
    const rssRise = (slopeAfterBound ?? rssSlopePerMin) * (seconds / 60);
    const flat = rssRise < 0.1 * mean(rss);
    const uiByEvent = Object.fromEntries(
      [...ui.counts].map(([name, n]) => [name, round((n - (uiAtStart.get(name) ?? 0)) / seconds, 2)]),
    );
    const result = {
      benchmark: 'sustained-feedback',
      installations: N,
      host: HOST_BUILD,
      feedbackPeriodS: PERIOD_S,
      minutes: round(seconds / 60, 2),
      feedbackPerS: round(series.reduce((a, s) => a + s.feedbackPerS, 0) / series.length),
      cpuPctOfOneCore: { max: Math.max(...cpu), mean: mean(cpu) },
      rssMB: {
        beforeFeedback: rssBeforeFeedbackMB,
        max: Math.max(...rss),
        mean: mean(rss),
        slopeMBPerMin: rssSlopePerMin,
        ...(slopeAfterBound !== undefined && { slopeAfterHistoryBoundMBPerMin: slopeAfterBound }),
        flat,
      },
      uiUpdatesPerS: {
        total: round(series.reduce((a, s) => a + s.uiEventsPerS, 0) / series.length, 2),
        byEvent: uiByEvent,
      },
      series,
      target: { ...TARGET, rssFlat: true },
      pass: Math.max(...cpu) < TARGET.cpuPctOfOneCore && Math.max(...rss) < TARGET.rssMB && flat,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    ui.close();
    await host.stop();
    await counter.endAsync();
    await sim.stop();
  }
} finally {
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
  bundle?.dispose();
}
