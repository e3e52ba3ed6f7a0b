import { headlessSecrets, PASSWORD_FILE_ENV } from '../broker/headless-secrets';
import { memorySecretStore, type SecretStore } from './secret-store';

/** What the Settings page says about a password typed into the headless host. */
export const HEADLESS_KEPT_WHERE = `not saved: the headless host keeps typed passwords for this run only; set ${PASSWORD_FILE_ENV}`;

/**
 * The headless host's secrets: a password typed in Settings lives in memory for this run (the host
 * has no keychain to seal it with, and plaintext on disk is what we refuse); otherwise the one
 * broker password of `FLEETDESK_BROKER_PASSWORD_FILE` (0600) or `FLEETDESK_BROKER_PASSWORD`.
 */
export function headlessSecretStore(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  const typed = memorySecretStore(HEADLESS_KEPT_WHERE);
  const fromEnv = headlessSecrets(env, platform);
  return {
    ...typed,
    async get(ref) {
      return (await typed.get(ref)) ?? (await fromEnv.get(ref));
    },
  };
}
