import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startDemo, type RunningDemo } from '../../electron/demo/start-demo';
import { createLogger } from '../../electron/core/logger';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { ListenerTokenInfo } from '../../shared/protocol/listener/listener-token';
import { tempDir } from '../support/temp-dir';

let demo: RunningDemo;
const dirs = [tempDir(), tempDir()];

beforeAll(async () => {
  writeFileSync(join(dirs[1]!.path, 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(dirs[0]!.path, { recursive: true });
  demo = await startDemo({
    dataDir: dirs[0]!.path,
    controllers: 12,
    uiPort: 0,
    seed: 7,
    rendererDir: dirs[1]!.path,
    version: '0.0.0-test',
    log: createLogger('silent'),
    healthPeriodS: 1,
  });
});
afterAll(async () => {
  await demo?.stop();
  dirs.forEach((d) => d.remove());
});

const rows = async (): Promise<FleetRow[]> => {
  const r = await demo.host.core.call('fleet.list', undefined);
  return r.ok ? (r.value as { rows: FleetRow[] }).rows : [];
};

describe('demo mode', () => {
  it('is marked as demo data', () => {
    expect(demo.host.core.info().demo).toBe(true);
  });

  it('onboards every simulated controller through the listener, links most, and receives their health', async () => {
    await vi.waitFor(async () => expect(await rows()).toHaveLength(12), { timeout: 20_000, interval: 200 });
    await vi.waitFor(async () => expect((await rows()).every((r) => r.health !== 'unknown')).toBe(true), {
      timeout: 20_000,
      interval: 200,
    });
    const all = await rows();
    expect(all.filter((r) => r.onboarding === 'linked').length).toBeGreaterThan(0);
  });

  it("names the simulated controllers' token as the demo's, not as a command-line one", async () => {
    const r = await demo.host.core.call('tokens.list', undefined);
    expect(r.ok && (r.value as ListenerTokenInfo[]).map((t) => t.label)).toEqual([
      'demo fleet (simulated controllers)',
    ]);
  });

  it('runs a broker the controllers listen on', async () => {
    const client = await mqtt.connectAsync(demo.broker.url, { protocolVersion: 4 });
    const serial = demo.fleet.controllers[0]!.spec.serial;
    const feedback = new Promise<string>((resolve) =>
      client.on('message', (_t, payload) => resolve(payload.toString())),
    );
    await client.subscribeAsync(`standard1/outbound/remoteControlMetrics/feedback/${serial}`, { qos: 1 });
    await client.publishAsync(
      `standard1/rp_one_s/remoteControlMetrics/${serial}`,
      JSON.stringify({
        extraTags: { nodeId: `${serial}_site_0` },
        time: Math.floor(Date.now() / 1000),
        fields: { storage_policy: 'self-consumption' },
      }),
      { qos: 1 },
    );
    expect(JSON.parse(await feedback)).toMatchObject({ fields: { response_code: 0 } });
    await client.endAsync();
  });

  it('stops everything it started', async () => {
    const url = demo.host.listenerUrl;
    await demo.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await expect(
      mqtt.connectAsync(demo.broker.url, { reconnectPeriod: 0, connectTimeout: 1000 }),
    ).rejects.toThrow();
  });
});
