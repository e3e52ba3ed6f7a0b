import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { methodNames } from '../../shared/contract';
import { Worker } from 'node:worker_threads';
import { confStoreOpener } from '../../electron/host/conf-store';
import { loadSnapshot } from '../../electron/core/inventory/snapshot-store';
import { applyEntry } from '../../shared/domain/inventory/apply-entry';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { stateFingerprint, toSnapshot } from '../../shared/domain/inventory/snapshot';
import { emptyState } from '../../shared/domain/inventory/state';
import { onboardingDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';
import { HEALTH_EXAMPLE } from '../../shared/protocol/listener';
import { bootedListener, ListenerThread } from '../../electron/core/listener/listener-thread';
import { createLogger } from '../../electron/core/logger';
import { SECRETS, testTokens, TestSink } from '../listener/listener-harness';

const root = resolve(import.meta.dirname, '../..');
const mainBundle = join(root, 'dist-electron/main/index.cjs');
const preloadBundle = join(root, 'dist-electron/preload/index.cjs');
const snapshotWorkerBundle = join(root, 'dist-electron/snapshot-worker/index.cjs');
const listenerWorkerBundle = join(root, 'dist-electron/listener-worker/index.cjs');

/** Every `require("x")` with a literal argument, and the count of all `require(` calls. */
function requires(code: string): { literal: string[]; total: number } {
  const literal = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1] ?? '');
  return { literal, total: code.match(/\brequire\(/g)?.length ?? 0 };
}

const esmSyntax = /^\s*(import\s[\s\S]*?from\s|import\s*["']|export\s)/m;

beforeAll(() => {
  // The real command behind `npm run build:electron`; a couple of seconds.
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '-c',
      'vite.electron.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(build.status, build.stderr).toBe(0);
}, 60_000);

describe('the preload bundle', () => {
  it('is CommonJS that requires nothing but electron', () => {
    const code = readFileSync(preloadBundle, 'utf8');
    expect(code).not.toMatch(esmSyntax);
    expect(code).not.toContain('import.meta');
    expect(requires(code)).toEqual({ literal: ['electron'], total: 1 });
  });

  it('runs where only require("electron") exists, as in a sandboxed renderer, and exposes the API', () => {
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    const require = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    runInNewContext(
      readFileSync(preloadBundle, 'utf8'),
      { require, module, exports: module.exports },
      { filename: preloadBundle },
    );
    expect([...exposed.keys()]).toEqual(['fleetdesk']);
    expect(Object.keys(exposed.get('fleetdesk') as object).sort()).toEqual(
      [...new Set(methodNames.map((m) => m.split('.')[0])), 'on'].sort(),
    );
  });
});

describe('the main bundle', () => {
  const app = tempDir('fleetdesk-app-');
  // Electron's appData; the data (and the demo's, beside it) goes in the Fleetdesk folder there.
  const appData = tempDir('fleetdesk-appdata-');
  const dataDir = join(appData.path, 'Fleetdesk');
  afterAll(() => {
    app.remove();
    appData.remove();
  });

  type Run = {
    calls: string[];
    handlers: string[];
    windows: Array<{ webPreferences: Record<string, unknown>; loadedFile?: string; loadedUrl?: string }>;
    demoPage?: { status: number; text: string };
    answers: Record<string, unknown>;
    sent: string[];
    errors: string[];
    handlersAfterQuit: string[];
    activeBeforeQuit: string[];
    activeAfterQuit: string[];
  };
  let run: Run;

  beforeAll(() => {
    // Copied outside the repository, where no node_modules can be found: any dependency the bundle
    // failed to include would fail to load here, as it would in the packaged app.
    const copy = join(app.path, 'dist-electron/main/index.cjs');
    mkdirSync(join(app.path, 'dist-electron/main'), { recursive: true });
    copyFileSync(mainBundle, copy);
    // The listener's thread starts with the core, from its own bundle beside the main one.
    mkdirSync(join(app.path, 'dist-electron/listener-worker'), { recursive: true });
    copyFileSync(listenerWorkerBundle, join(app.path, 'dist-electron/listener-worker/index.cjs'));
    // The page the demo fleet's own host serves (the real one is the built renderer).
    mkdirSync(join(app.path, 'dist/renderer'), { recursive: true });
    writeFileSync(join(app.path, 'dist/renderer/index.html'), '<!doctype html><title>demo page</title>');
    const out = execFileSync(
      process.execPath,
      [join(import.meta.dirname, 'support/run-main-bundle.mjs'), copy, app.path, appData.path],
      {
        encoding: 'utf8',
        env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent', FLEETDESK_LISTENER_PORT: '0' },
        timeout: 30_000,
      },
    );
    run = JSON.parse(out) as Run;
  }, 60_000);

  it('starts without errors, sandboxed and single-instance', () => {
    expect(existsSync(mainBundle)).toBe(true);
    expect(run.errors).toEqual([]);
    expect(run.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
  });

  it('registers the contract over IPC and opens one secure window on the built renderer', () => {
    expect(run.handlers).toEqual(methodNames);
    expect(run.windows.filter((w) => w.loadedFile !== undefined)).toHaveLength(1);
    expect(run.windows[0]?.loadedFile).toBe(join(app.path, 'dist/renderer/index.html'));
    expect(run.windows[0]?.webPreferences).toMatchObject({
      preload: join(app.path, 'dist-electron/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('answers the app page, refuses a foreign one, and pushes events', () => {
    expect(run.answers['get']).toMatchObject({ ok: true, value: { schemaVersion: 1 } });
    expect(run.answers['update']).toMatchObject({ ok: true, value: { operatorName: 'Ada' } });
    expect(run.answers['foreign']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The change itself, and (batched, so only if they came before the quit) its audit entry after
    // it; the inbox's first refresh after start, which waits for the journal's problems to be read,
    // may come at any point.
    const sent = run.sent.filter((event) => event !== 'inbox.changed');
    expect(sent[0]).toBe('settings.changed');
    expect(sent.slice(1).filter((event) => event !== 'activity.changed')).toEqual([]);
  });

  it('starts the demo fleet beside this instance and shows its page in a second, locked-down window', () => {
    expect(run.answers['demo']).toMatchObject({ ok: true, value: { openedInWindow: true } });
    const url = (run.answers['demo'] as { value: { url: string } }).value.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(run.windows).toHaveLength(2);
    expect(run.windows[1]?.loadedUrl).toBe(url);
    expect(run.windows[1]?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(run.windows[1]?.webPreferences).not.toHaveProperty('preload');
    expect(run.demoPage).toEqual({ status: 200, text: '<!doctype html><title>demo page</title>' });
    // On its own data folder, never the operator's.
    expect(existsSync(`${dataDir}-demo`)).toBe(true);
  });

  it('holds the quit until the core stopped, leaving no socket or handler behind', () => {
    expect(run.calls.slice(-3)).toEqual(['quit', 'quit', 'exited']);
    expect(run.activeBeforeQuit).toContain('TCPServerWrap');
    // The harness's own stdout pipe is the only thing allowed to stay open.
    expect(run.activeAfterQuit.filter((kind) => kind !== 'PipeWrap' && kind !== 'TTYWrap')).toEqual([]);
    expect(run.handlersAfterQuit).toEqual([]);
  });

  it('keeps its data with electron-store in appData/Fleetdesk, the folder and format the headless host reads', () => {
    expect(confStoreOpener(dataDir)('settings').read()).toMatchObject({ operatorName: 'Ada' });
  });
});

describe('the snapshot worker bundle', () => {
  const app = tempDir('fleetdesk-worker-');
  afterAll(() => app.remove());

  it('runs from its text alone, as the main bundle starts it, and writes a snapshot the Store port reads', async () => {
    // Copied outside the repository, as in the packaged app: no node_modules to fall back on.
    const copy = join(app.path, 'dist-electron/snapshot-worker/index.cjs');
    mkdirSync(join(app.path, 'dist-electron/snapshot-worker'), { recursive: true });
    copyFileSync(snapshotWorkerBundle, copy);
    const entry = {
      ...onboardingDraft('SG1-BUNDLE-1', 1_790_000_000_000),
      seq: 1,
      prevHash: emptyState().hash,
      hash: 'a'.repeat(64),
    } as JournalEntry;
    const state = emptyState();
    applyEntry(state, entry);
    const worker = new Worker(readFileSync(copy, 'utf8'), { eval: true });
    try {
      worker.postMessage({ type: 'reset', snapshotJson: JSON.stringify(toSnapshot(emptyState())) });
      // The entries since come from the journal's own files, which the worker reads itself.
      const segment = join(app.path, '000001.jsonl');
      writeFileSync(segment, `${JSON.stringify(entry)}\n`);
      const size = statSync(segment).size;
      worker.postMessage({
        type: 'replay',
        segments: [{ path: segment, size, firstSeq: 1 }],
        afterSeq: 0,
        toSeq: 1,
      });
      worker.postMessage({ type: 'write', id: 1, path: join(app.path, 'inventory.json') });
      const reply = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(reply).toMatchObject({ id: 1, ok: true, seq: 1 });
    } finally {
      await worker.terminate();
    }
    const loaded = loadSnapshot(
      confStoreOpener(app.path),
      (name) => join(app.path, `${name}.json`),
      Date.now(),
    );
    expect(loaded.quarantined).toBeUndefined();
    expect(stateFingerprint(loaded.state)).toBe(stateFingerprint(state));
  });
});

describe('the listener worker bundle', () => {
  const app = tempDir('fleetdesk-listener-worker-');
  afterAll(() => app.remove());

  it('runs from its text alone, as the main bundle starts it, and hands a call to the main thread', async () => {
    // Copied outside the repository, as in the packaged app: no node_modules to fall back on.
    const copy = join(app.path, 'listener-worker.cjs');
    copyFileSync(listenerWorkerBundle, copy);
    const code = readFileSync(copy, 'utf8');
    expect(code).not.toMatch(esmSyntax);
    const tokens = testTokens();
    const sink = new TestSink();
    const thread = new ListenerThread(
      {
        sink: sink.sink,
        tokens: {
          digests: () => tokens.list(),
          findByHash: (h) => tokens.findByHash(h),
          onChange: () => () => undefined,
        },
        log: createLogger('silent'),
      },
      {},
      bootedListener(new Worker(code, { eval: true })),
    );
    try {
      const { url } = await thread.start('127.0.0.1', 0);
      const res = await fetch(`${url}/v1/health`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.bound}` },
        body: JSON.stringify(HEALTH_EXAMPLE),
      });
      expect(res.status).toBe(202);
      expect(sink.records).toMatchObject([{ kind: 'health', serial: HEALTH_EXAMPLE.serialNumber }]);
    } finally {
      await thread.stop();
    }
  });
});
