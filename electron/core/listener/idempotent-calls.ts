import type { IdempotencyStore, IdempotentResponse } from './idempotency-store';
import type { ListenerLog } from './listener-log';

/**
 * A keyed call whose key was already used for a call with another body (IETF Idempotency-Key
 * draft: 422). Nothing of it ran; the first call's answer stays the key's.
 */
export class IdempotencyKeyReused extends Error {
  constructor() {
    super('Idempotency-Key reused with a different request');
    this.name = 'IdempotencyKeyReused';
  }
}

type Running = { call: Promise<IdempotentResponse>; bodySha256: string | undefined };

/**
 * Runs each keyed call at most once. A repeat of a finished call gets the stored answer; a repeat
 * that arrives while the first is still running waits for it and gets the same outcome (answer or
 * failure). Failures are not stored, so a retry after a failure runs the call again. A call under a
 * used key but with another body (`bodySha256`) is refused with `IdempotencyKeyReused`, never
 * answered with the first call's 202 as if it had been taken.
 */
export class IdempotentCalls {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly log: ListenerLog,
  ) {}

  /** Number of keyed calls in progress (for tests and shutdown diagnostics). */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Runs `work` once per `key`; without a key it simply runs it. `bodySha256` is the digest of the
   * call's raw body, stored with its answer (the answer `work` returns should carry it too).
   */
  run(
    key: string | undefined,
    work: () => Promise<IdempotentResponse>,
    bodySha256?: string,
  ): Promise<IdempotentResponse> {
    if (key === undefined) return work();
    const running = this.running.get(key);
    if (running) {
      if (running.bodySha256 === bodySha256) return running.call;
      // Another body under a key in use: judged against what the first call leaves (its stored
      // answer if it succeeds, nothing if it fails), once it has settled.
      const again = () => this.run(key, work, bodySha256);
      return running.call.then(again, again);
    }
    // Registered before the first await, so a concurrent duplicate always finds it.
    const call = this.once(key, work, bodySha256).finally(() => this.running.delete(key));
    this.running.set(key, { call, bodySha256 });
    return call;
  }

  private async once(
    key: string,
    work: () => Promise<IdempotentResponse>,
    bodySha256: string | undefined,
  ): Promise<IdempotentResponse> {
    const earlier = await this.store.get(key);
    if (earlier) {
      // An answer stored without a digest (by an earlier build) cannot tell: it replays, as before.
      const known = earlier.bodySha256;
      if (known !== undefined && bodySha256 !== undefined && known !== bodySha256)
        throw new IdempotencyKeyReused();
      return earlier;
    }
    const response = await work();
    try {
      await this.store.put(key, response);
    } catch (error) {
      // The record itself is durable (the sink confirmed it), so the caller still gets its 202; a
      // later repeat reaches the sink again with the same eventId, which the sink deduplicates.
      this.log.error({ err: error }, 'idempotency store failed to remember an answer');
    }
    return response;
  }
}
