import { describe, expect, it, vi } from 'vitest';
import { accepts } from '../support/net';
import { makeCore } from '../support/core-harness';

describe('createCore', () => {
  it('serves the listener once started and closes it on stop', async () => {
    const core = makeCore();
    await core.start();
    const url = core.info().listenerUrl;
    const res = await fetch(`${url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
    await core.stop();
    expect(await accepts(url)).toBe(false);
  });

  it('answers unknown listener paths with a problem document', async () => {
    const core = makeCore();
    await core.start();
    const res = await fetch(`${core.info().listenerUrl}/v1/control`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found' });
    await core.stop();
  });

  it('routes contract calls to its services and pushes their events', async () => {
    const core = makeCore();
    await core.start();
    const names: string[] = [];
    const off = core.events.on('settings.changed', (s) => names.push(s.operatorName));
    expect(await core.call('settings.update', { operatorName: 'Ann' })).toMatchObject({
      ok: true,
      value: { operatorName: 'Ann' },
    });
    off();
    await core.call('settings.update', { operatorName: 'Bo' });
    expect(names).toEqual(['Ann']);
    await core.stop();
  });

  it('serves the listener from a thread of its own and leaves no listening socket behind after stop', async () => {
    const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    // Node releases a closed handle on a later turn of the loop, so poll briefly rather than sleep;
    // the servers of earlier tests may still be on their way out.
    await vi.waitFor(() => expect(servers()).toBe(0), { timeout: 2000, interval: 10 });
    const core = makeCore();
    await core.start();
    const url = core.info().listenerUrl;
    expect(await accepts(url)).toBe(true);
    // Not on the main thread: callbacks are parsed and checked in the listener's thread.
    expect(servers()).toBe(0);
    await core.stop();
    expect(await accepts(url)).toBe(false);
  });

  it('keeps the listener on the main thread when asked, and closes it on stop', async () => {
    const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    await vi.waitFor(() => expect(servers()).toBe(0), { timeout: 2000, interval: 10 });
    const core = makeCore(undefined, undefined, undefined, undefined, { listenerThread: false });
    await core.start();
    expect(servers()).toBe(1);
    await core.stop();
    await vi.waitFor(() => expect(servers()).toBe(0), { timeout: 2000, interval: 10 });
  });

  it('refuses a second core on the same data dir until the first stops', async () => {
    const first = makeCore();
    await first.start();
    const dataDir = first.info().dataDir;
    await expect(makeCore(dataDir).start()).rejects.toThrow(/already using/);
    await first.stop();
    const second = makeCore(dataDir);
    await second.start();
    await second.stop();
  });
});

describe('the data dir lock', () => {
  it('is taken over from a process that no longer exists', async () => {
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const probe = makeCore();
    await probe.start();
    const dataDir = probe.info().dataDir;
    await probe.stop();
    // A pid that just exited stands for a Fleetdesk killed with -9.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dataDir, '.fleetdesk.lock'), JSON.stringify({ pid: gone, host: hostname() }));
    const core = makeCore(dataDir);
    await core.start();
    await core.stop();
  });
});
