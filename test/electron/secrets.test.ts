import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { resetFakeElectron, safeStorage } from './support/fake-electron';
import { createSecretStore, openSecretStore } from '../../electron/main/secrets';
import { createLogger } from '../../electron/core/logger';
import { confStoreOpener } from '../../electron/host/conf-store';
import { tempDir } from '../support/temp-dir';

vi.mock('electron', () => import('./support/fake-electron'));

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  resetFakeElectron();
  dir = tempDir();
});
afterEach(() => dir.remove());

/** A secret store on a real `secrets.json` in a temp dir (conf: the same file format as electron-store). */
function open(options: { platform?: NodeJS.Platform } = {}) {
  const document = confStoreOpener(dir.path)('secrets');
  const log = createLogger('silent');
  const warn = vi.spyOn(log, 'warn');
  const store = createSecretStore(document, safeStorage as unknown as SafeStorage, {
    log,
    platform: options.platform ?? 'linux',
  });
  return { store, warn, file: () => readFileSync(document.path, 'utf8') };
}

describe('createSecretStore', () => {
  it('round-trips a secret through safeStorage', async () => {
    const { store } = open();
    await store.set('broker.password', 'hunter2-ünïcode');
    expect(await store.get('broker.password')).toBe('hunter2-ünïcode');
    expect(await store.get('missing')).toBeUndefined();
  });

  it('never writes the plaintext to disk, only base64 ciphertext', async () => {
    const { store, file } = open();
    await store.set('broker.password', 'hunter2');
    const doc = JSON.parse(file()) as Record<string, string>;
    expect(file()).not.toContain('hunter2');
    expect(doc['broker.password']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('deletes a secret and leaves the others', async () => {
    const { store } = open();
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('2');
  });

  it('stores a name like __proto__ as data', async () => {
    const { store } = open();
    await store.set('__proto__', 'x');
    expect(await store.get('__proto__')).toBe('x');
    expect(await store.get('toString')).toBeUndefined();
  });

  it('reports basic_text as weak protection, with a warning', () => {
    safeStorage.backend = 'basic_text';
    const { store, warn } = open();
    expect(store.protection()).toBe('weak');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses to save a password with the basic_text backend, and says why', async () => {
    safeStorage.backend = 'basic_text';
    const { store, file } = open();
    expect(store.persistent).toBe(false);
    expect(store.keptWhere).toMatch(/no keyring.*basic_text/);
    await expect(store.set('broker-profile/p1', 'hunter2')).rejects.toThrow(/not saved: .*no keyring/);
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(() => file()).toThrow();
  });

  it('says a keyring-sealed password is saved', () => {
    const { store } = open();
    expect(store.persistent).toBe(true);
    expect(store.keptWhere).toMatch(/saved encrypted .*keychain/);
  });

  it('reports a keyring, and any non-Linux platform, as OS protection', () => {
    expect(open().store.protection()).toBe('os');
    safeStorage.backend = 'basic_text';
    const { store, warn } = open({ platform: 'win32' });
    expect(store.protection()).toBe('os');
    expect(warn).not.toHaveBeenCalled();
    expect(safeStorage.getSelectedStorageBackend).toHaveBeenCalledOnce();
  });

  it('refuses to store anything when the OS offers no encryption', async () => {
    safeStorage.available = false;
    const { store, file } = open();
    await expect(store.set('broker.password', 'hunter2')).rejects.toThrow(/not saved: .*no encryption/);
    expect(() => file()).toThrow();
  });

  it('re-encrypts a secret when safeStorage asks for it', async () => {
    const { store } = open();
    await store.set('token', 't');
    safeStorage.reEncrypt = true;
    expect(await store.get('token')).toBe('t');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('explains a secret that cannot be decrypted any more', async () => {
    const { store } = open();
    confStoreOpener(dir.path)('secrets').write({ token: Buffer.from('garbage').toString('base64') });
    await expect(store.get('token')).rejects.toThrow(/cannot be decrypted/);
  });

  it('opens without the secrets file being readable, refusing to save and leaving the file alone', async () => {
    const path = join(dir.path, 'secrets.json');
    writeFileSync(path, '{ not json');
    const store = openSecretStore(
      () => confStoreOpener(dir.path)('secrets'),
      safeStorage as unknown as SafeStorage,
      { log: createLogger('silent'), platform: 'linux' },
    );
    expect(store.persistent).toBe(false);
    await expect(store.set('broker-profile/p', 'x')).rejects.toThrow(/secrets file cannot be read/);
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });
});
