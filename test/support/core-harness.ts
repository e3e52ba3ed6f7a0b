import type { ControlOptions } from '../../electron/core/control';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { systemClock } from '../../electron/core/clock';
import { createLogger, type Logger } from '../../electron/core/logger';
import { confStoreOpener } from '../../electron/host/conf-store';
import { tempDir } from './temp-dir';

/** A real core on a temp data dir with the conf store and a listener on a free loopback port. */
const made: Array<{ remove(): void }> = [];
// Temp data dirs made here go when the test process ends, whatever the test did with its core.
process.once('exit', () => made.forEach((d) => d.remove()));

function ownTempDir(): string {
  const dir = tempDir();
  made.push(dir);
  return dir.path;
}

export function makeCore(
  dataDir = ownTempDir(),
  listenerToken?: string,
  control?: Partial<ControlOptions>,
  /** Silent by default; benchmarks pass the shipped default level, so they pay what the app pays. */
  log: Logger = createLogger('silent'),
  more: Partial<CoreDeps> = {},
): Core {
  return createCore({
    dataDir,
    clock: systemClock,
    openStore: confStoreOpener(dataDir),
    log,
    host: 'headless',
    version: '0.0.0-test',
    listener: { host: '127.0.0.1', port: 0 },
    ...(listenerToken !== undefined && { listenerToken }),
    ...(control !== undefined && { control }),
    ...more,
  });
}

/** Calls a contract method on a core and unwraps the answer, failing the test with its message. */
export async function callCore<T>(core: Core, method: string, request?: unknown): Promise<T> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
