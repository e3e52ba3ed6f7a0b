import type { IdempotencyStore, IdempotentResponse } from './idempotency-store';
import type { ListenerLog } from './listener-log';

/**
 * Runs each keyed call at most once. A repeat of a finished call gets the stored answer; a repeat
 * that arrives while the first is still running waits for it and gets the same outcome (answer or
 * failure). Failures are not stored, so a retry after a failure runs the call again.
 */
export class IdempotentCalls {
  private readonly running = new Map<string, Promise<IdempotentResponse>>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly log: ListenerLog,
  ) {}

  /** Number of keyed calls in progress (for tests and shutdown diagnostics). */
  get inFlight(): number {
    return this.running.size;
  }

  /** Runs `work` once per `key`; without a key it simply runs it. */
  run(key: string | undefined, work: () => Promise<IdempotentResponse>): Promise<IdempotentResponse> {
    if (key === undefined) return work();
    const running = this.running.get(key);
    if (running) return running;
    // Registered before the first await, so a concurrent duplicate always finds it.
    const call = this.once(key, work).finally(() => this.running.delete(key));
    this.running.set(key, call);
    return call;
  }

  private async once(key: string, work: () => Promise<IdempotentResponse>): Promise<IdempotentResponse> {
    const earlier = await this.store.get(key);
    if (earlier) return earlier;
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
