/**
 * Benchmark: the fleet page with 10,000 installations in Debian's Chromium (playwright-core), on
 * the real headless host (`electron/host/cli.ts`) and the built renderer.
 *
 * - first render: from the moment the `fleet.list` answer reaches the page (its WebSocket frame)
 *   to the first frame painted with fleet rows in the DOM; median of several page loads.
 * - search keystroke: from the `keydown` of one key in "Search installations" to the first frame
 *   painted after the match count shows the narrowed number; several keys, median/p95/max.
 *
 * No renderer hook is needed: an init script wraps the page's WebSocket to timestamp the frame,
 * and a MutationObserver watches the rows and the match count. Paint is approximated by the
 * task after the next animation frame.
 *
 * Run: `npx tsx test/bench/ui-fleet.ts` — prints one JSON object on stdout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHostProcess } from '../e2e/fixtures/host-process';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { CHROMIUM_ARGS } from '../support/prerequisites.mjs';
import { seedFleet } from './lib/seed-fleet';
import { progress, round, summarize } from './lib/stats';

const ROOT = resolve(import.meta.dirname, '../..');
const INSTALLATIONS = 10_000;
const LOADS = 5;
const TARGET = { firstRenderMsMax: 1000, keystrokeP95MsMax: 100 };
const FLEET_DIR = join(ROOT, 'renderer/src/features/fleet');
const RENDERER_INDEX = join(ROOT, 'dist/renderer/index.html');

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Why the benchmark cannot run yet, or undefined when the fleet UI it measures is there. */
function missingUi(): string | undefined {
  if (!existsSync(FLEET_DIR)) return 'renderer/src/features/fleet/ does not exist yet';
  const source = readdirSync(FLEET_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => readFileSync(join(FLEET_DIR, f), 'utf8'))
    .join('\n');
  if (!source.includes('Search installations'))
    return 'the fleet page has no search box labelled "Search installations" yet';
  if (!/VirtualTable|useVirtualizer/.test(source)) return 'the fleet page has no virtualised table yet';
  return undefined;
}

/** Builds the renderer when dist/renderer is missing or older than its sources. */
function ensureRendererBuild(): 'up to date' | 'rebuilt' {
  const sources = Math.max(newest(join(ROOT, 'renderer')), newest(join(ROOT, 'shared')));
  if (existsSync(RENDERER_INDEX) && statSync(RENDERER_INDEX).mtimeMs >= sources) return 'up to date';
  progress('building the renderer (npx vite build)');
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return 'rebuilt';
}

/**
 * Runs in the page before its own scripts. `window.__bench` collects timestamps (performance.now()).
 * Plain JavaScript: this file is type-checked without the DOM library.
 */
const PAGE_SCRIPT = `(() => {
  const bench = (window.__bench = { fleetListId: undefined, sentAt: undefined, dataAt: undefined, dataChars: 0, rowsAt: undefined, rowsPaintedAt: undefined });
  const afterPaint = (fn) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => fn(performance.now()); c.port2.postMessage(0); });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      // Registered before the app's onmessage, so it runs first: the frame's arrival time.
      this.addEventListener('message', (event) => {
        if (bench.fleetListId === undefined || bench.dataAt !== undefined || typeof event.data !== 'string') return;
        if (event.data.startsWith('{"type":"result","id":' + bench.fleetListId + ',')) {
          bench.dataAt = performance.now();
          bench.dataChars = event.data.length;
        }
      });
    }
    send(data) {
      if (bench.fleetListId === undefined && typeof data === 'string' && data.includes('"method":"fleet.list"')) {
        bench.fleetListId = JSON.parse(data).id;
        bench.sentAt = performance.now();
      }
      return super.send(data);
    }
  };
  const watch = new MutationObserver(() => {
    if (bench.rowsAt !== undefined || !document.querySelector('tr[data-testid="fleet-row"]')) return;
    bench.rowsAt = performance.now();
    watch.disconnect();
    afterPaint((t) => (bench.rowsPaintedAt = t));
  });
  watch.observe(document, { childList: true, subtree: true });

  /** Arms a measurement of the next keydown until the match count shows \`expected\`. */
  window.__armKeystroke = (expected) => {
    const k = (window.__key = { keydownAt: undefined, countAt: undefined, paintedAt: undefined, text: '' });
    const counter = document.querySelector('[data-testid="fleet-match-count"]');
    const shown = () => Number((counter.textContent || '').split(' of ')[0].replace(/\\D/g, ''));
    const check = () => {
      if (k.countAt !== undefined || shown() !== expected) return;
      k.countAt = performance.now();
      k.text = counter.textContent;
      observer.disconnect();
      // Marks show the measured span in a performance trace (BENCH_UI_FLEET_TRACE).
      performance.mark('bench:keystroke-count');
      afterPaint((t) => {
        k.paintedAt = t;
        performance.mark('bench:keystroke-painted');
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(counter, { childList: true, subtree: true, characterData: true });
    window.addEventListener('keydown', (e) => (k.keydownAt = e.timeStamp), { capture: true, once: true });
  };
})();`;

type PageTimes = { sentAt: number; dataAt: number; dataChars: number; rowsAt: number; rowsPaintedAt: number };
type KeyTimes = { keydownAt?: number; countAt?: number; paintedAt?: number };
/** What PAGE_SCRIPT adds to the page's global object. */
type BenchGlobal = {
  __bench?: Partial<PageTimes>;
  __key?: KeyTimes;
  __armKeystroke(expected: number): void;
  document: { querySelector(selector: string): { textContent: string | null } | null };
};
// Functions, not strings, go to the page: the renderer's CSP forbids eval, which string
// predicates need. They run in the page, so they reach its globals through `globalThis` alone.

async function firstRender(page: Page, url: string): Promise<PageTimes> {
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as BenchGlobal).__bench?.rowsPaintedAt !== undefined,
    undefined,
    { timeout: 30_000 },
  );
  const times = (await page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench)) as PageTimes;
  if (times.dataAt === undefined) throw new Error('the fleet.list answer was not seen on the WebSocket');
  return times;
}

async function keystroke(page: Page, base: string, key: string, expected: number): Promise<number> {
  const search = page.getByLabel('Search installations');
  await search.fill(base);
  await page.waitForFunction(
    (count) =>
      Number(
        (
          (globalThis as unknown as BenchGlobal).document.querySelector('[data-testid="fleet-match-count"]')
            ?.textContent ?? ''
        )
          .split(' of ')[0]
          ?.replace(/\D/g, ''),
      ) === count,
    expectedFor(base),
  );
  await page.evaluate((count) => (globalThis as unknown as BenchGlobal).__armKeystroke(count), expected);
  await search.press(key);
  await page.waitForFunction(
    () => (globalThis as unknown as BenchGlobal).__key?.paintedAt !== undefined,
    undefined,
    { timeout: 10_000 },
  );
  const k = (await page.evaluate(() => (globalThis as unknown as BenchGlobal).__key)) as KeyTimes;
  if (k.keydownAt === undefined || k.paintedAt === undefined) throw new Error('no keydown seen');
  return k.paintedAt - k.keydownAt;
}

/**
 * Rows whose serial contains `text`, by construction of the seeded fleet: serials are
 * SG1-000000 … SG1-009999, and "SG1-0…" occurs in no other column.
 */
function expectedFor(text: string): number {
  const digits = text.replace(/^SG1-/i, '');
  return digits.length <= 2 ? INSTALLATIONS : INSTALLATIONS / 10 ** (digits.length - 2);
}

async function main(): Promise<Record<string, unknown>> {
  const missing = missingUi();
  if (missing) {
    return { benchmark: 'ui-fleet', status: 'pending', reason: missing, target: TARGET, pass: null };
  }
  const build = ensureRendererBuild();
  const dir = tempDir('fleetdesk-bench-ui-');
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let host: Awaited<ReturnType<typeof startHostProcess>> | undefined;
  try {
    const seeding = makeCore(dir.path);
    await seeding.start();
    const seeded = await seedFleet(seeding, INSTALLATIONS);
    await seeding.stop();
    progress(`seeded ${seeded.installations} installations; starting the host`);
    host = await startHostProcess(dir.path);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: PAGE_SCRIPT });
    const loads: PageTimes[] = [];
    for (let i = 0; i < LOADS; i += 1) loads.push(await firstRender(page, host.uiUrl));
    const render = summarize(loads.map((t) => t.rowsPaintedAt - t.dataAt));
    progress(`first render after data: median ${render.p50} ms`);

    const trials: Array<{ kind: string; base: string; key: string }> = [];
    for (const d of '0123456789') trials.push({ kind: 'narrow 10,000 → 1,000', base: 'SG1-00', key: d });
    for (const d of '0123456789') trials.push({ kind: 'narrow 1,000 → 100', base: 'SG1-004', key: d });
    for (let i = 0; i < 5; i += 1)
      trials.push({ kind: 'widen 100 → 1,000 (Backspace)', base: `SG1-00${i}${i}`, key: 'Backspace' });
    const byKind = new Map<string, number[]>();
    // BENCH_UI_FLEET_PROFILE=<file.cpuprofile>: a V8 CPU profile of the keystroke trials, for finding
    // what runs per keystroke (open it in DevTools). Sampling slows the page: figures then run high.
    const profilePath = process.env['BENCH_UI_FLEET_PROFILE'];
    const cdp = profilePath ? await page.context().newCDPSession(page) : undefined;
    // BENCH_UI_FLEET_TRACE=<file.json>: a Chromium performance trace of the same (style, layout, paint).
    const tracePath = process.env['BENCH_UI_FLEET_TRACE'];
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    for (const t of trials) {
      const next = t.key === 'Backspace' ? t.base.slice(0, -1) : t.base + t.key;
      const ms = await keystroke(page, t.base, t.key, expectedFor(next));
      byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), ms]);
    }
    if (tracePath) {
      await browser.stopTracing();
      progress(`performance trace of the keystrokes written to ${tracePath}`);
    }
    if (cdp && profilePath) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profilePath, JSON.stringify(profile));
      progress(`CPU profile of the keystrokes written to ${profilePath}`);
    }
    const all = [...byKind.values()].flat();
    const keys = summarize(all);
    const sorted = [...all].sort((a, b) => a - b);
    const p95 = round(sorted[Math.ceil(sorted.length * 0.95) - 1] ?? 0, 2);
    progress(`keystroke to painted rows: median ${keys.p50} ms, p95 ${p95} ms`);
    const checks = {
      firstRender: render.p50 < TARGET.firstRenderMsMax,
      keystroke: p95 < TARGET.keystrokeP95MsMax,
    };
    return {
      benchmark: 'ui-fleet',
      status: 'measured',
      installations: INSTALLATIONS,
      rendererBuild: build,
      browser: `Chromium ${browser.version()} (headless, --disable-gpu)`,
      viewport: '1440x900',
      firstRenderMs: {
        afterDataMedian: render.p50,
        afterDataMax: render.max,
        loads: LOADS,
        fleetListRoundTripMedian: summarize(loads.map((t) => t.dataAt - t.sentAt)).p50,
        domRowsAfterDataMedian: summarize(loads.map((t) => t.rowsAt - t.dataAt)).p50,
        fleetListFrameMiB: round((loads[0]?.dataChars ?? 0) / 2 ** 20, 2),
      },
      keystrokeMs: {
        p50: keys.p50,
        p95,
        max: keys.max,
        trials: all.length,
        byKind: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, summarize(ms)])),
      },
      checks,
      target: TARGET,
      pass: Object.values(checks).every(Boolean),
    };
  } finally {
    await browser.close();
    await host?.stop().catch((error: unknown) => progress(`host stop: ${String(error)}`));
    dir.remove();
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
