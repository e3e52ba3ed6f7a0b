import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, type ApiClient } from '../../shared/contract';
import type { Settings } from '../../shared/domain/settings';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

export type ContractFixture = { api: ApiClient; dataDir: string; teardown(): Promise<void> };

/** Resolves with the next payload of `settings.changed`, unsubscribing right after. */
function nextSettings(api: ApiClient): Promise<Settings> {
  return new Promise((resolve) => {
    const off = api.on('settings.changed', (s) => {
      off();
      resolve(s);
    });
  });
}

/**
 * The one suite every transport must pass: the UI sees the same API, the same validation and the
 * same events whether it runs in Electron (IPC) or in a browser (WebSocket).
 */
export function contractSuite(transport: string, setup: () => Promise<ContractFixture>): void {
  describe(`contract over ${transport}`, () => {
    let fx: ContractFixture;
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(() => fx.teardown());

    it('exposes one verb per contract method and nothing else', () => {
      const verbs = Object.entries(fx.api)
        .filter(([key]) => key !== 'on')
        .flatMap(([ns, group]) => Object.keys(group as object).map((verb) => `${ns}.${verb}`));
      expect(verbs.sort()).toEqual([...methodNames].sort());
    });

    it('answers app.info with where the data lives and where the listener really runs', async () => {
      const info = await fx.api.app.info();
      // Both fixtures bind the listener with this run's overrides (host 127.0.0.1, any free port).
      expect(info).toMatchObject({
        ok: true,
        value: { dataDir: fx.dataDir, listenerOverride: { host: '127.0.0.1', port: 0 } },
      });
      expect(info.ok && info.value.listenerUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    });

    it('reads the settings', async () => {
      expect(await fx.api.settings.get()).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    });

    it('saves a change, answers the new settings and pushes settings.changed', async () => {
      const pushed = nextSettings(fx.api);
      const saved = await fx.api.settings.update({
        operatorName: 'Ann',
        listener: { publicUrl: 'https://x.example' },
      });
      expect(saved).toMatchObject({
        ok: true,
        value: { operatorName: 'Ann', listener: { publicUrl: 'https://x.example' } },
      });
      expect((await pushed).operatorName).toBe('Ann');
      expect(await fx.api.settings.get()).toMatchObject({ value: { operatorName: 'Ann' } });
    });

    it('stops pushing events after unsubscribe', async () => {
      const seen: string[] = [];
      const off = fx.api.on('settings.changed', (s) => seen.push(s.operatorName));
      off();
      const later = nextSettings(fx.api);
      await fx.api.settings.update({ operatorName: 'Bo' });
      await later;
      expect(seen).toEqual([]);
    });

    it('refuses an invalid request with a message naming the field, and changes nothing', async () => {
      const before = await fx.api.settings.get();
      const bad = await fx.api.settings.update({ theme: 'purple' } as never);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(!bad.ok && bad.error.message).toMatch(/theme/);
      expect(await fx.api.settings.get()).toEqual(before);
    });

    it('carries inventory calls: a contract CSV preview with its detected mapping and row errors', async () => {
      const csv = 'Contract,Name\nC-1,Ann\n,Bo\n';
      const preview = await fx.api.contracts.preview({ csv, fileName: 'c.csv' });
      expect(preview).toMatchObject({
        ok: true,
        value: {
          mapping: { contractNumber: 'Contract', customerName: 'Name' },
          valid: 1,
          errors: [{ row: 3 }],
        },
      });
      expect(await fx.api.fleet.list()).toMatchObject({
        ok: true,
        value: { rows: [], counters: { installations: 0 } },
      });
    });

    it('lists notices and dismisses one by id', async () => {
      expect(await fx.api.notices.list()).toEqual({ ok: true, value: [] });
      expect(await fx.api.notices.dismiss({ id: 'none' })).toEqual({ ok: true, value: [] });
    });
  });
}
