import type { SafeStorage } from 'electron';
import type { Logger } from '../core/logger';
import type { DocumentStore } from '../core/store/store-port';

/** `os`: sealed by the OS keychain or DPAPI; `weak`: Linux without a keyring, a key built into Chromium. */
export type SecretProtection = 'os' | 'weak';

/** Named secrets (broker passwords, tokens). The core will define this as its port; for now it lives here. */
export interface SecretStore {
  /** The secret, or undefined when none is stored. Rejects when the stored value cannot be decrypted. */
  get(name: string): Promise<string | undefined>;
  /** Stores the secret encrypted. Rejects, storing nothing, when the OS offers no encryption. */
  set(name: string, value: string): Promise<void>;
  delete(name: string): void;
  protection(): SecretProtection;
}

export type SecretCrypto = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

/**
 * Secrets sealed with Electron's safeStorage, kept as base64 ciphertext in their own document, so
 * the plaintext never touches disk. Uses the asynchronous safeStorage calls: the synchronous
 * `encryptString`/`decryptString` are deprecated in Electron 45 and can block the main process on
 * a keychain prompt. Call after the app is ready (before that the Linux backend is unknown).
 */
export function createSecretStore(
  document: DocumentStore,
  crypto: SecretCrypto,
  deps: { log: Logger; platform?: NodeJS.Platform },
): SecretStore {
  const platform = deps.platform ?? process.platform;
  // getSelectedStorageBackend exists on Linux only; elsewhere the OS always provides the key.
  const protection: SecretProtection =
    platform === 'linux' && crypto.getSelectedStorageBackend() === 'basic_text' ? 'weak' : 'os';
  if (protection === 'weak') {
    deps.log.warn(
      'no OS keyring found: secrets are encrypted with a built-in key, which does not protect them from other local programs',
    );
  }

  const stored = (name: string): string | undefined => {
    const doc = document.read();
    const value = Object.hasOwn(doc, name) ? doc[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const seal = async (name: string, value: string) => {
    if (!(await crypto.isAsyncEncryptionAvailable())) {
      throw new Error('Secrets cannot be stored: the operating system offers no encryption');
    }
    const sealed = (await crypto.encryptStringAsync(value)).toString('base64');
    // A computed key defines an own property, so a name like `__proto__` is stored, not executed.
    document.write({ ...document.read(), [name]: sealed });
  };

  return {
    protection: () => protection,
    set: seal,
    async get(name) {
      const sealed = stored(name);
      if (sealed === undefined) return undefined;
      const { result, shouldReEncrypt } = await crypto
        .decryptStringAsync(Buffer.from(sealed, 'base64'))
        .catch((error: unknown) => {
          throw new Error(
            `The stored secret "${name}" cannot be decrypted (was the OS keyring reset?); enter it again`,
            { cause: error },
          );
        });
      // The OS rotated the key or a stronger one became available: store it under the new key.
      if (shouldReEncrypt) await seal(name, result);
      return result;
    },
    delete(name) {
      document.write(Object.fromEntries(Object.entries(document.read()).filter(([key]) => key !== name)));
    },
  };
}
