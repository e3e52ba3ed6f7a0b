import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `fleetdesk-` + 12 hex digits: 22 characters, inside the 23 that every MQTT 3.1.1 broker must
 * accept (MQTT-3.1.3-5), and only characters any broker allows.
 */
const CLIENT_ID = /^fleetdesk-[0-9a-f]{12}$/;

/** Where a client id is kept between runs. */
export interface ClientIdStore {
  read(): Promise<string | undefined>;
  write(id: string): Promise<void>;
}

export function newClientId(): string {
  return `fleetdesk-${randomBytes(6).toString('hex')}`;
}

/**
 * The installation's MQTT client id: the stored one, or a new one stored for next time. One id per
 * installation (protocol.md §1): two clients with one id would take each other's session over,
 * and a new id per run would leave the broker's per-client state behind.
 */
export async function loadOrCreateClientId(store: ClientIdStore): Promise<string> {
  const stored = (await store.read())?.trim();
  if (stored !== undefined && CLIENT_ID.test(stored)) return stored;
  const id = newClientId();
  await store.write(id);
  return id;
}

/** A `ClientIdStore` in `<dataDir>/client-id` (a one-line text file). */
export function fileClientIdStore(dataDir: string): ClientIdStore {
  const path = join(dataDir, 'client-id');
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write: (id) => writeFile(path, `${id}\n`, { mode: 0o600 }),
  };
}

/** The stable client id kept in `<dataDir>/client-id`. */
export function clientIdFor(dataDir: string): Promise<string> {
  return loadOrCreateClientId(fileClientIdStore(dataDir));
}
