/**
 * `npm run serve -- --ui-port <n>` on a port that is already taken (another program, an earlier host
 * still stopping) stops with a sentence naming the option and the way out, not Node's
 * `listen EADDRINUSE: address already in use 127.0.0.1:<n>`.
 */
import { createServer, type Server } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../electron/host/start-host';
import { createLogger } from '../../electron/core/logger';
import { tempDir } from '../support/temp-dir';

const dirs = [tempDir(), tempDir()];
let blocker: Server;
let busyPort = 0;

beforeAll(async () => {
  // A stand-in renderer build: the UI server needs an index.html to start at all.
  writeFileSync(join(dirs[1]!.path, 'index.html'), '<!doctype html><title>t</title>');
  blocker = createServer(() => undefined);
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((done) => blocker.close(done));
  dirs.forEach((d) => d.remove());
});

describe('npm run serve with --ui-port on a port that is already taken', () => {
  it('refuses to start with a sentence naming the port, --ui-port (or FLEETDESK_UI_PORT) and 0 for any free port', async () => {
    const started = startHost(
      {
        dataDir: dirs[0]!.path,
        uiPort: busyPort,
        listenerHost: '127.0.0.1',
        listenerPort: 0,
        listenerToken: undefined,
        broker: undefined,
        brokerFallback: undefined,
      },
      { rendererDir: dirs[1]!.path, version: '0.0.0-test', log: createLogger('silent') },
    );
    await expect(started).rejects.toThrow(
      `the UI port ${busyPort} is in use (another program has it, or an earlier Fleetdesk is still stopping): choose another --ui-port (or FLEETDESK_UI_PORT), or 0 for any free port`,
    );
  });
});
