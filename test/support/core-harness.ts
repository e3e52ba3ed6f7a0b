import { createCore, type Core } from '../../electron/core/create-core';
import { systemClock } from '../../electron/core/clock';
import { createLogger } from '../../electron/core/logger';
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

export function makeCore(dataDir = ownTempDir(), listenerToken?: string): Core {
  return createCore({
    dataDir,
    clock: systemClock,
    openStore: confStoreOpener(dataDir),
    log: createLogger('silent'),
    host: 'headless',
    version: '0.0.0-test',
    listener: { host: '127.0.0.1', port: 0 },
    ...(listenerToken !== undefined && { listenerToken }),
  });
}

/** Unwraps a contract call's answer, failing the test with the error message when it is not ok. */
export async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
