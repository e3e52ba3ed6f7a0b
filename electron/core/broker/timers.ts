import type { Clock } from '../clock';

/**
 * Timers started through the injected clock and remembered until they fire or are cancelled, so
 * the link can stop with none left behind (and tests can count them).
 */
export class Timers {
  private readonly live = new Set<unknown>();

  constructor(private readonly clock: Clock) {}

  /** Runs `fn` once after `ms`; answers a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const handle = this.clock.setTimeout(() => {
      this.live.delete(handle);
      fn();
    }, ms);
    this.live.add(handle);
    return () => {
      if (this.live.delete(handle)) this.clock.clearTimeout(handle);
    };
  }

  clearAll(): void {
    for (const handle of this.live) this.clock.clearTimeout(handle);
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }
}
