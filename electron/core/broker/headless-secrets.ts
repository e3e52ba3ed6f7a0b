import { readFile, stat } from 'node:fs/promises';
import type { SecretSource } from './connect-options';

export const PASSWORD_ENV = 'FLEETDESK_BROKER_PASSWORD';
export const PASSWORD_FILE_ENV = 'FLEETDESK_BROKER_PASSWORD_FILE';

/**
 * The broker password for the headless host, which has no OS keychain: from
 * `FLEETDESK_BROKER_PASSWORD_FILE` (a file only its owner may read: mode 0600 or 0400) or from
 * `FLEETDESK_BROKER_PASSWORD`. The host has one broker password, so every secret name answers it.
 * The file is read on each `get`, so a rotated password is picked up by the next reconnect.
 */
export function headlessSecrets(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): SecretSource {
  return {
    async get() {
      const file = env[PASSWORD_FILE_ENV];
      const inline = env[PASSWORD_ENV];
      if (file !== undefined && file !== '' && inline !== undefined) {
        throw new Error(`set ${PASSWORD_FILE_ENV} or ${PASSWORD_ENV}, not both`);
      }
      if (file !== undefined && file !== '') return readPasswordFile(file, platform);
      return inline === '' ? undefined : inline;
    },
  };
}

/** Reads a password file after checking that no other user can read or change it. */
export async function readPasswordFile(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new Error(
      `the broker password file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!info.isFile()) throw new Error(`the broker password file ${path} is not a regular file`);
  // Windows reports no owner-only bits; its ACLs are not visible through stat().
  if (platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw new Error(
      `the broker password file ${path} is accessible to other users (mode ${mode}): run chmod 600 ${path}`,
    );
  }
  // One trailing newline is what `echo secret > file` leaves; anything else belongs to the password.
  const password = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  if (password === '') throw new Error(`the broker password file ${path} is empty`);
  return password;
}
