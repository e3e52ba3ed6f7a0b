/**
 * Learns how often each installation sends a signal (health calls, MQTT feedback), so staleness
 * follows each controller's own cadence: an exponential average of the gaps between calls, used once a few
 * gaps are known; until then the configured period applies.
 */
export class PeriodLearner {
  private readonly last = new Map<string, { at: number; avg: number; samples: number }>();

  constructor(private readonly fallbackMs: () => number) {}

  observe(serial: string, at: number): void {
    const prev = this.last.get(serial);
    if (!prev) return void this.last.set(serial, { at, avg: 0, samples: 0 });
    const gap = at - prev.at;
    if (gap <= 0) return;
    const avg = prev.samples === 0 ? gap : prev.avg * 0.7 + gap * 0.3;
    this.last.set(serial, { at, avg, samples: prev.samples + 1 });
  }

  periodMs(serial: string): number {
    return this.learnedMs(serial) ?? this.fallbackMs();
  }

  /** The learned period, once a few gaps are known; undefined before. */
  learnedMs(serial: string): number | undefined {
    const learned = this.last.get(serial);
    return learned && learned.samples >= 3 ? learned.avg : undefined;
  }
}
