import type { SafeStorage } from 'electron';
import type { Logger } from '../core/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import type { DocumentStore } from '../core/store/store-port';

/** `os`: sealed by the OS keychain or DPAPI; `weak`: Linux without a keyring, a key built into Chromium. */
export type SecretProtection = 'os' | 'weak';

/** The core's secret store, plus how well this machine protects what it seals. */
export type SafeSecretStore = SecretStore & { protection(): SecretProtection };

export type SecretCrypto = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

const WEAK_REFUSAL =
  'not saved: this Linux desktop has no keyring (safeStorage uses basic_text), so a saved password would be readable by any local program; install and unlock a keyring (GNOME Keyring, KWallet) and restart Fleetdesk, or type the password on the Control page for this run';
const NO_ENCRYPTION =
  'not saved: the operating system offers no encryption for secrets (safeStorage is unavailable); type the password on the Control page for this run';

/**
 * Secrets sealed with Electron's safeStorage, kept as base64 ciphertext in their own document in the
 * data dir, so the plaintext never touches disk. Refuses to store when safeStorage is unavailable or
 * only has Chromium's built-in key (`basic_text` on Linux): "encrypted" with a key every local
 * program knows is plaintext with extra steps. Uses the asynchronous calls: the synchronous ones are
 * deprecated in Electron 45 and can block the main process on a keychain prompt. Call after `ready`.
 */
export function createSecretStore(
  document: DocumentStore,
  crypto: SecretCrypto,
  deps: { log: Logger; platform?: NodeJS.Platform },
): SafeSecretStore {
  const platform = deps.platform ?? process.platform;
  // getSelectedStorageBackend exists on Linux only; elsewhere the OS always provides the key.
  const protection: SecretProtection =
    platform === 'linux' && crypto.getSelectedStorageBackend() === 'basic_text' ? 'weak' : 'os';
  if (protection === 'weak') {
    deps.log.warn('no OS keyring found: broker passwords will not be saved (safeStorage backend basic_text)');
  }

  const stored = (name: string): string | undefined => {
    const doc = document.read();
    const value = Object.hasOwn(doc, name) ? doc[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const seal = async (name: string, value: string) => {
    if (protection === 'weak') throw new Error(WEAK_REFUSAL);
    if (!(await crypto.isAsyncEncryptionAvailable())) throw new Error(NO_ENCRYPTION);
    const sealed = (await crypto.encryptStringAsync(value)).toString('base64');
    // A computed key defines an own property, so a name like `__proto__` is stored, not executed.
    document.write({ ...document.read(), [name]: sealed });
  };

  return {
    persistent: protection === 'os',
    keptWhere:
      protection === 'os'
        ? 'saved encrypted with the operating system keychain (Electron safeStorage)'
        : WEAK_REFUSAL,
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
      if (shouldReEncrypt) {
        await seal(name, result).catch((error: unknown) =>
          deps.log.warn(
            { err: error, secret: name },
            'a secret could not be re-encrypted; the old seal is kept',
          ),
        );
      }
      return result;
    },
    delete(name) {
      document.write(Object.fromEntries(Object.entries(document.read()).filter(([key]) => key !== name)));
      return Promise.resolve();
    },
  };
}

/**
 * Opens the secret store on `secrets.json`. A file that cannot be read does not stop the app: it is
 * left untouched for the operator to inspect, and saving passwords is refused with the reason.
 */
export function openSecretStore(
  open: () => DocumentStore,
  crypto: SecretCrypto,
  deps: { log: Logger; platform?: NodeJS.Platform },
): SecretStore {
  try {
    return createSecretStore(open(), crypto, deps);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.log.error(
      { err: error },
      'the secrets file cannot be read; broker passwords are not saved this run',
    );
    const refusal = `not saved: the secrets file cannot be read (${reason}); it was left as it is`;
    return {
      persistent: false,
      keptWhere: refusal,
      get: () => Promise.resolve(undefined),
      set: () => Promise.reject(new Error(refusal)),
      delete: () => Promise.resolve(),
    };
  }
}
