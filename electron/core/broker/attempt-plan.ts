import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';

/** Where and how the next connection attempt dials. */
export type AttemptTarget = { url: string; protocolVersion: 4 | 5; usingFallback: boolean };

/**
 * Why an attempt failed, as far as the plan cares: `version` = the broker refused this MQTT version
 * (CONNACK code 1/132); `hangup` = it closed the socket before any CONNACK, which is how some
 * 3.1.1-only brokers refuse MQTT 5, but also what a broker going down mid-handshake looks like;
 * `auth` = wrong credentials (retrying fast only risks a lock-out); `other` = network, TLS, timeouts, losses.
 */
export type FailureKind = 'version' | 'hangup' | 'auth' | 'other';

export type BackoffPolicy = {
  /** First retry delay; doubles per consecutive failure up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** Consecutive failures on one URL before the backup URL (and back) is tried. */
  switchAfter: number;
  /**
   * The longest wait while held leases are at risk: each controller falls back at its fallback
   * timeout, so a link back 5 s sooner can save leases a 30 s wait would let lapse. Not for a
   * refused login, where retrying fast only risks a lock-out.
   */
  atRiskMaxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 1000,
  maxMs: 30_000,
  switchAfter: 3,
  atRiskMaxMs: 5_000,
};

/**
 * The reconnect policy, pure: exponential back-off with jitter, MQTT 5 -> 3.1.1 fall back (the
 * version that worked is kept for later reconnects), and the port-80 backup URL after repeated
 * failures of the primary. The link asks it for the next target and delay after every failure.
 */
export class AttemptPlan {
  private version: 4 | 5;
  private knownVersion: 4 | 5 | undefined;
  private onFallback = false;
  private consecutive = 0;
  private onThisUrl = 0;

  constructor(
    private readonly profile: Pick<BrokerProfile, 'url' | 'fallbackUrl' | 'protocol'>,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {
    this.knownVersion = profile.protocol === 'auto' ? undefined : profile.protocol;
    this.version = this.knownVersion ?? 5;
  }

  target(): AttemptTarget {
    const url =
      this.onFallback && this.profile.fallbackUrl !== undefined ? this.profile.fallbackUrl : this.profile.url;
    return { url, protocolVersion: this.version, usingFallback: this.onFallback };
  }

  /** The attempt connected: keep its version and URL for reconnects, and reset the back-off. */
  succeeded(): void {
    this.knownVersion = this.version;
    this.consecutive = 0;
    this.onThisUrl = 0;
  }

  /**
   * Records a failed attempt (or a lost link) and answers how long to wait and what changed.
   * `leasesAtRisk`: held leases lapse while the link is down, so the wait is capped lower.
   */
  failed(failure: FailureKind, leasesAtRisk = false): { delayMs: number; note?: string } {
    // A hang-up says "wrong version" only while no version is known to work: once MQTT 5 has worked
    // here, a hang-up is a broker restart, and must not pin the link to 3.1.1 for good.
    const kind = failure === 'hangup' ? (this.knownVersion === undefined ? 'version' : 'other') : failure;
    if (kind === 'version' && this.profile.protocol === 'auto') {
      this.knownVersion = undefined;
      if (this.version === 5) {
        // Not a real failure: the broker told us to speak 3.1.1, so do it right away.
        this.version = 4;
        return { delayMs: 0, note: 'trying MQTT 3.1.1' };
      }
      this.version = 5;
    }
    this.consecutive += 1;
    this.onThisUrl += 1;
    if (this.profile.fallbackUrl !== undefined && this.onThisUrl >= this.policy.switchAfter) {
      this.onFallback = !this.onFallback;
      this.onThisUrl = 0;
      const { url } = this.target();
      return {
        delayMs: this.policy.initialMs,
        note: this.onFallback
          ? `trying the backup address ${url}`
          : `trying the primary address ${url} again`,
      };
    }
    if (kind === 'auth') return { delayMs: this.policy.maxMs };
    const max = leasesAtRisk ? Math.min(this.policy.maxMs, this.policy.atRiskMaxMs) : this.policy.maxMs;
    const base = Math.min(max, this.policy.initialMs * 2 ** (this.consecutive - 1));
    // +-20 % jitter, so a fleet of desks restarted together does not hammer the broker in step.
    return { delayMs: Math.round(base * (0.8 + 0.4 * this.random())) };
  }
}
