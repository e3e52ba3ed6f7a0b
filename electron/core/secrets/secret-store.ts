/**
 * The core's port for named secrets (broker passwords). Each host brings its own: Electron seals
 * them with safeStorage in a file of the data dir; the headless host has no keychain, so it reads
 * an env var or an owner-only file and keeps a typed password for the current run only.
 * A secret never goes into settings.json or a log line; settings hold only its name (a ref).
 */
export interface SecretStore {
  /** True when `set` survives a restart. */
  readonly persistent: boolean;
  /** Where a password typed now is kept, in words for the Settings page. */
  readonly keptWhere: string;
  /** The secret, or undefined when none is stored. Rejects (in words) when it cannot be read. */
  get(ref: string): Promise<string | undefined>;
  /** Keeps the secret. Rejects, keeping nothing, when this host cannot protect it (say why). */
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
}

/** The secret name of a saved broker profile's password. */
export const profilePasswordRef = (profileId: string): string => `broker-profile/${profileId}`;

/**
 * Secrets in memory for this run only: what a core gets when its host brings no store (tests),
 * and the part of the headless store that holds typed passwords.
 */
export function memorySecretStore(keptWhere = 'not saved: kept in memory for this run only'): SecretStore {
  const secrets = new Map<string, string>();
  return {
    persistent: false,
    keptWhere,
    get: (ref) => Promise.resolve(secrets.get(ref)),
    set: (ref, value) => {
      secrets.set(ref, value);
      return Promise.resolve();
    },
    delete: (ref) => {
      secrets.delete(ref);
      return Promise.resolve();
    },
  };
}
