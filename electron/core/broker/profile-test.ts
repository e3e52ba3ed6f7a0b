import type { BrokerTestAttempt, BrokerTestResult } from '../../../shared/contract/broker-methods';
import { isAddressError, parseBrokerAddress } from '../../../shared/domain/broker/broker-address';
import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { BrokerLink } from './broker-link';
import type { SecretSource } from './connect-options';

/** A test attempt gives up after this long: the operator is waiting on the Settings page. */
export const TEST_DEADLINE_MS = 5_000;

export type ProfileTestDeps = {
  clock: Clock;
  log: Logger;
  secrets: SecretSource;
  /** The installation's client id; the test adds a suffix so it never takes over the live session. */
  clientId: string;
  deadlineMs?: number;
  /** The port of the offered backup: 80 (protocol.md §1); tests point it at their broker. */
  backupPort?: number;
};

/**
 * Tries the profile once, the way the link would (MQTT 5 falling back to 3.1.1, same TLS and
 * password), with a short deadline, then hangs up. When the primary fails and the profile has no
 * backup, it also tries the same host on port 80 and offers that as the backup when it answers.
 */
export async function testProfile(profile: BrokerProfile, deps: ProfileTestDeps): Promise<BrokerTestResult> {
  const attempts: BrokerTestAttempt[] = [await attempt(profile, profile.url, deps)];
  let offerBackupUrl: string | null = null;
  const primaryOk = attempts[0]?.ok === true;
  if (!primaryOk && profile.fallbackUrl !== undefined) {
    attempts.push(await attempt(profile, profile.fallbackUrl, deps));
  } else if (!primaryOk) {
    const backup = backupUrlFor(profile.url, deps.backupPort ?? 80);
    if (backup !== null) {
      const tried = await attempt(profile, backup, deps);
      attempts.push(tried);
      if (tried.ok) offerBackupUrl = backup;
    }
  }
  return {
    ok: attempts.some((a) => a.ok),
    summary: summarise(attempts, offerBackupUrl),
    attempts,
    offerBackupUrl,
  };
}

/**
 * The port-80 backup of a plain address (`mqtt://host:1883` -> `mqtt://host:80`, same for ws://), or
 * null when the address is already on that port or uses TLS (port 80 carries no TLS).
 */
export function backupUrlFor(url: string, port = 80): string | null {
  const address = parseBrokerAddress(url);
  if (isAddressError(address) || address.tls || address.port === port) return null;
  return `${address.scheme}://${address.host}:${port}${address.path}`;
}

async function attempt(
  profile: BrokerProfile,
  url: string,
  deps: ProfileTestDeps,
): Promise<BrokerTestAttempt> {
  const link = new BrokerLink({
    clock: deps.clock,
    log: deps.log,
    secrets: deps.secrets,
    clientId: `${deps.clientId}t`,
    connectTimeoutMs: deps.deadlineMs ?? TEST_DEADLINE_MS,
    latencyProbe: false,
    // One attempt only: the retry is never due before the link is stopped below.
    backoff: { initialMs: 3_600_000, maxMs: 3_600_000, switchAfter: 1_000 },
  });
  try {
    const { fallbackUrl, ...single } = profile;
    void fallbackUrl; // each address is tried on its own
    const state = await link.connect({ ...single, url });
    if (state.kind === 'connected') {
      const version = state.protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1';
      return { url, ok: true, words: `connected with ${version}`, protocolVersion: state.protocolVersion };
    }
    const words = state.kind === 'reconnecting' ? state.lastError : `did not connect (${state.kind})`;
    return { url, ok: false, words, protocolVersion: null };
  } catch (error) {
    return {
      url,
      ok: false,
      words: error instanceof Error ? error.message : String(error),
      protocolVersion: null,
    };
  } finally {
    await link.disconnect();
  }
}

function summarise(attempts: BrokerTestAttempt[], offer: string | null): string {
  const [primary, second] = attempts;
  if (primary === undefined) return 'nothing was tried';
  if (primary.ok) return `${primary.url}: ${primary.words}.`;
  const first = `${primary.url}: ${primary.words}.`;
  if (second === undefined) return first;
  if (offer !== null)
    return `${first} The port-80 backup ${offer} answered (${second.words}): use it as the backup address?`;
  return `${first} ${second.ok ? 'The backup' : 'The backup also failed:'} ${second.url}: ${second.words}.`;
}
