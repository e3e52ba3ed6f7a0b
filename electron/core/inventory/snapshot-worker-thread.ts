import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Where the snapshot worker's code is, as built by vite.electron.config.ts: its own self-contained
 * CommonJS bundle beside the main bundle (`dist-electron/snapshot-worker/index.cjs`).
 */
export const BUNDLED_WORKER = join('..', 'snapshot-worker', 'index.cjs');

/**
 * Starts the snapshot worker thread.
 * - From the Electron main bundle (this code is then a `.cjs` file): the built worker bundle is
 *   read and run with `eval`, which also works from inside app.asar, where Electron's fs can read
 *   but a Worker cannot load a file path.
 * - From the TypeScript sources (headless host under tsx, tests under Vitest): the worker is the
 *   `.ts` file itself, compiled by tsx's require hook.
 */
/**
 * The worker's young generation, capped: it mostly holds one copy of the state while it writes, and
 * V8's default young space (grown to ~16-32 MB under load) only let its garbage pile up beside
 * the main thread's in the core's RSS (sustained-feedback benchmark).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

export function startSnapshotWorker(): Worker {
  const self = import.meta.filename;
  if (!self.endsWith('.ts')) {
    const code = readFileSync(join(import.meta.dirname, BUNDLED_WORKER), 'utf8');
    return new Worker(code, { eval: true, resourceLimits: WORKER_LIMITS });
  }
  const source = join(import.meta.dirname, 'snapshot-worker.ts');
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  // Node 20 ignores `--import` in a worker's execArgv and cannot register ESM hooks from a worker,
  // so the worker compiles the TypeScript through tsx's require hook instead.
  const bootstrap = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits: WORKER_LIMITS });
}
