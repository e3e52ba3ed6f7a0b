import type { Timers } from './timers';

/**
 * Measures the round trip through the broker: publishes a small QoS 0 message on a private topic
 * the link subscribes to, and times publish -> receive with a monotonic clock. One ping per
 * period; a ping with no echo by the next one counts as lost and clears the figure.
 */
export class LatencyProbe {
  private seq = 0;
  private outstanding: { seq: number; sentAt: number } | undefined;
  private cancel: (() => void) | undefined;
  private measured: number | undefined;
  private lost = 0;

  constructor(
    readonly topic: string,
    private readonly deps: {
      timers: Timers;
      intervalMs: number;
      monotonic: () => number;
      /** The figure changed (measured, or cleared by a lost ping). */
      onChange?: () => void;
    },
  ) {}

  /** Starts pinging through `send` (first ping right away); stops any previous run. */
  start(send: (topic: string, payload: string) => void): void {
    this.stop();
    const tick = () => {
      if (this.outstanding !== undefined) {
        this.lost += 1;
        this.set(undefined);
      }
      this.seq += 1;
      this.outstanding = { seq: this.seq, sentAt: this.deps.monotonic() };
      send(this.topic, String(this.seq));
      this.cancel = this.deps.timers.after(this.deps.intervalMs, tick);
    };
    tick();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.outstanding = undefined;
  }

  /** Takes a message if it is a ping echo (answers true), so it never reaches the app's listeners. */
  handle(topic: string, payload: Buffer): boolean {
    if (topic !== this.topic) return false;
    if (this.outstanding !== undefined && payload.toString() === String(this.outstanding.seq)) {
      const elapsed = this.deps.monotonic() - this.outstanding.sentAt;
      // Two decimals: a loopback round trip is well under a millisecond and must not read as 0.
      this.outstanding = undefined;
      this.set(Math.max(0.01, Math.round(elapsed * 100) / 100));
    }
    return true;
  }

  private set(latencyMs: number | undefined): void {
    if (latencyMs === this.measured) return;
    this.measured = latencyMs;
    this.deps.onChange?.();
  }

  get latencyMs(): number | undefined {
    return this.measured;
  }

  get pingsLost(): number {
    return this.lost;
  }
}
