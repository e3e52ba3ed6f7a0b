/**
 * The notice a listener on a taken port leaves names what chose that port, since that is what the
 * operator changes: the desktop app's FLEETDESK_LISTENER_PORT (it has no flags), or Settings when
 * nothing overrides them. (`npm run serve`'s flag: test/host/busy-listener-port.test.ts.)
 */
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

type Notice = { level: string; title: string; detail: string };

let blocker: Server;
let busyPort = 0;
const cores: Core[] = [];
const data = tempDir('fleetdesk-port-in-use-');

beforeAll(async () => {
  blocker = createServer(() => undefined);
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
  busyPort = (blocker.address() as { port: number }).port;
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
});
afterAll(async () => {
  await new Promise((done) => blocker.close(done));
  data.remove();
});

async function listenerNotice(core: Core): Promise<Notice | undefined> {
  cores.push(core);
  await core.start();
  return (await callCore<Notice[]>(core, 'notices.list')).find((n) => /listener/i.test(n.title));
}

describe('the notice of a listener whose port is taken', () => {
  it('in the desktop app started with FLEETDESK_LISTENER_PORT: names that variable, in plain words', async () => {
    const notice = await listenerNotice(
      makeCore(undefined, undefined, undefined, undefined, {
        host: 'electron',
        listener: { host: '127.0.0.1', port: busyPort },
      }),
    );
    expect(notice?.level).toBe('error');
    expect(notice?.detail).toBe(
      `Port ${busyPort} is in use (another program has it, or an earlier Fleetdesk is still stopping), so controllers cannot call in. Start Fleetdesk with another FLEETDESK_LISTENER_PORT.`,
    );
  });

  it('with the port saved in Settings and nothing overriding it: says to choose another port in Settings', async () => {
    const dir = `${data.path}/saved-port`;
    const first = makeCore(dir);
    await first.start();
    await callCore(first, 'settings.update', { listener: { port: busyPort } });
    await first.stop();
    const notice = await listenerNotice(makeCore(dir, undefined, undefined, undefined, { listener: {} }));
    expect(notice?.detail).toContain(`Port ${busyPort} is in use`);
    expect(notice?.detail).toContain(
      'Choose another port in Settings → Callback listener, then restart Fleetdesk.',
    );
    expect(notice?.detail).not.toContain('--listener-port');
  });
});
