import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headlessSecretStore } from '../../electron/core/secrets/headless-secret-store';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('headless secret store', () => {
  it('keeps a typed password for this run only, and says so', async () => {
    const store = headlessSecretStore({}, 'linux');
    expect(store.persistent).toBe(false);
    expect(store.keptWhere).toBe(
      'not saved: the headless host keeps typed passwords for this run only; set FLEETDESK_BROKER_PASSWORD_FILE',
    );
    await store.set('broker-profile/a', 'typed');
    expect(await store.get('broker-profile/a')).toBe('typed');
    expect(await headlessSecretStore({}, 'linux').get('broker-profile/a')).toBeUndefined();
    await store.delete('broker-profile/a');
    expect(await store.get('broker-profile/a')).toBeUndefined();
  });

  it('falls back to the owner-only password file, and refuses one others can read', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir.path, 'pw');
    writeFileSync(file, 'from-file\n');
    chmodSync(file, 0o600);
    const store = headlessSecretStore({ FLEETDESK_BROKER_PASSWORD_FILE: file }, 'linux');
    expect(await store.get('broker-profile/any')).toBe('from-file');
    await store.set('broker-profile/any', 'typed');
    expect(await store.get('broker-profile/any')).toBe('typed');
    chmodSync(file, 0o644);
    await expect(store.get('broker-profile/other')).rejects.toThrow(/chmod 600/);
  });
});
