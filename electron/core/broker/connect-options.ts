import { readFile } from 'node:fs/promises';
import type { IClientOptions } from 'mqtt';
import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';
import type { AttemptTarget } from './attempt-plan';

/** Where the link finds the broker password: the Electron SecretStore or the headless source fit. */
export interface SecretSource {
  get(name: string): Promise<string | undefined>;
}

/** A failure before any socket was opened (missing password, unreadable TLS file), in words. */
export class PreparationError extends Error {}

async function readPem(what: string, path: string | undefined): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PreparationError(`TLS: cannot read the ${what} file ${path} (${code})`);
  }
}

async function password(profile: BrokerProfile, secrets: SecretSource): Promise<string | undefined> {
  if (profile.passwordRef === undefined) return undefined;
  let value: string | undefined;
  try {
    value = await secrets.get(profile.passwordRef);
  } catch (error) {
    throw new PreparationError(`cannot read the broker password: ${(error as Error).message}`);
  }
  if (value === undefined) {
    throw new PreparationError(
      `no password is stored for this broker (secret "${profile.passwordRef}"): enter it again`,
    );
  }
  return value;
}

/**
 * mqtt.js traces every packet through `debug`, which builds an argument array per call even when
 * tracing is off: ~5 % of all allocations in a 10,000-command send. A no-op instead, unless
 * `DEBUG` asks for mqtt.js's trace (`DEBUG=mqttjs*` or `*`).
 */
const traceOptions: Pick<IClientOptions, 'log'> = /mqttjs|\*/.test(process.env['DEBUG'] ?? '')
  ? {}
  : { log: () => undefined };

/**
 * The mqtt.js options for one attempt. The link owns reconnecting (`reconnectPeriod: 0`, a new
 * client per attempt), so mqtt.js never replays an old outgoing store, and it owns re-subscribing
 * (`resubscribe: false`) so every SUBACK is checked. The password and TLS files are read per
 * attempt: a password fixed in the secret store is picked up by the next retry.
 */
export async function connectOptions(
  profile: BrokerProfile,
  target: AttemptTarget,
  deps: { clientId: string; secrets: SecretSource; connectTimeoutMs: number },
): Promise<IClientOptions> {
  const [ca, cert, key, secret] = await Promise.all([
    readPem('CA', profile.caFile),
    readPem('certificate', profile.certFile),
    readPem('key', profile.keyFile),
    password(profile, deps.secrets),
  ]);
  return {
    clientId: deps.clientId,
    protocolVersion: target.protocolVersion,
    clean: true,
    keepalive: profile.keepaliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: deps.connectTimeoutMs,
    queueQoSZero: false,
    resubscribe: false,
    rejectUnauthorized: profile.rejectUnauthorized,
    ...traceOptions,
    ...(profile.username !== undefined ? { username: profile.username } : {}),
    ...(secret !== undefined ? { password: secret } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(cert !== undefined ? { cert } : {}),
    ...(key !== undefined ? { key } : {}),
  };
}
