import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIdFor, loadOrCreateClientId } from '../../electron/core/broker/client-id';
import { tempDir } from '../support/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const dir = () => {
  const d = tempDir('fleetdesk-client-id-');
  dirs.push(d);
  return d.path;
};

describe('client id', () => {
  it('is generated once per data dir, kept in <dataDir>/client-id (0600), and fits MQTT 3.1.1', async () => {
    const d = dir();
    const first = await clientIdFor(d);
    expect(first).toMatch(/^fleetdesk-[0-9a-f]{12}$/);
    expect(first.length).toBeLessThanOrEqual(23);
    expect(await clientIdFor(d)).toBe(first);
    expect((await readFile(join(d, 'client-id'), 'utf8')).trim()).toBe(first);
    expect((await stat(join(d, 'client-id'))).mode & 0o777).toBe(0o600);
    expect(await clientIdFor(dir())).not.toBe(first);
  });

  it('replaces a damaged file with a new id', async () => {
    const d = dir();
    await writeFile(join(d, 'client-id'), 'garbage with spaces');
    const id = await clientIdFor(d);
    expect(id).toMatch(/^fleetdesk-[0-9a-f]{12}$/);
    expect(await clientIdFor(d)).toBe(id);
  });

  it('works over any store (e.g. the settings document)', async () => {
    let kept: string | undefined;
    const store = {
      read: () => Promise.resolve(kept),
      write: (id: string) => Promise.resolve(void (kept = id)),
    };
    const id = await loadOrCreateClientId(store);
    expect(kept).toBe(id);
    expect(await loadOrCreateClientId(store)).toBe(id);
  });
});
