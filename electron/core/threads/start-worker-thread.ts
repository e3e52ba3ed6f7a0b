import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export type WorkerThreadSpec = {
  /**
   * The worker's bundle folder as vite.electron.config.ts builds it beside the main bundle
   * (`dist-electron/<bundle>/index.cjs`).
   */
  bundle: string;
  /** The worker's TypeScript entry, as an absolute path (run when Fleetdesk runs from its sources). */
  source: string;
  resourceLimits?: ResourceLimits;
};

/**
 * Starts one of the core's worker threads.
 * - From the Electron main bundle (this code is then a `.cjs` file): the built worker bundle is
 *   read and run with `eval`, which also works from inside app.asar, where Electron's fs can read
 *   but a Worker cannot load a file path.
 * - From the TypeScript sources (headless host under tsx, tests under Vitest): the worker is the
 *   `.ts` file itself, compiled by tsx's require hook.
 */
export function startWorkerThread(spec: WorkerThreadSpec): Worker {
  const options = spec.resourceLimits ? { eval: true, resourceLimits: spec.resourceLimits } : { eval: true };
  if (!import.meta.filename.endsWith('.ts')) {
    const code = readFileSync(join(import.meta.dirname, '..', spec.bundle, 'index.cjs'), 'utf8');
    return new Worker(code, options);
  }
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  // Node 20 ignores `--import` in a worker's execArgv and cannot register ESM hooks from a worker,
  // so the worker compiles the TypeScript through tsx's require hook instead.
  const bootstrap = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(spec.source)});`;
  return new Worker(bootstrap, options);
}
