/** A learned cadence: the average gap and how many gaps it is made of. */
export type LearnedPeriod = { periodMs: number; samples: number };

/** How much of each new gap goes into the average: when it is longer, and when it is shorter. */
export type LearningWeights = { longer: number; shorter: number };

/** Health calls come at one steady cadence: longer and shorter gaps weigh the same. */
const STEADY: LearningWeights = { longer: 0.3, shorter: 0.3 };

/** Gaps over the limit in a row after which they are the new cadence, not silences. */
const LONG_GAPS_TO_LEARN = 3;

/**
 * Learns how often each installation sends a signal (health calls, MQTT feedback), so staleness
 * follows each controller's own cadence: an exponential average of the gaps between them, used
 * once a few gaps are known; until then the configured period applies.
 */
export class PeriodLearner {
  private readonly last = new Map<string, { at: number; avg: number; samples: number; long: number }>();

  constructor(
    private readonly fallbackMs: () => number,
    private readonly weights: LearningWeights = STEADY,
  ) {}

  /**
   * A signal at `at`. A gap longer than `maxGapMs` (the installation was stale: an outage, not its
   * cadence) is not learned, unless it is the third such gap in a row: then the cadence changed.
   */
  observe(serial: string, at: number, maxGapMs = Infinity): void {
    const prev = this.last.get(serial);
    if (!prev) return void this.last.set(serial, { at, avg: 0, samples: 0, long: 0 });
    const gap = at - prev.at;
    if (gap <= 0) return;
    if (gap > maxGapMs && prev.long + 1 < LONG_GAPS_TO_LEARN) {
      return void this.last.set(serial, { ...prev, at, long: prev.long + 1 });
    }
    const weight = gap > prev.avg ? this.weights.longer : this.weights.shorter;
    const avg = prev.samples === 0 ? gap : prev.avg * (1 - weight) + gap * weight;
    this.last.set(serial, { at, avg, samples: prev.samples + 1, long: 0 });
  }

  /** A signal at `at` after a gap that says nothing of the cadence (it spans a link outage): the next gap counts from here. */
  restart(serial: string, at: number): void {
    const prev = this.last.get(serial);
    if (prev === undefined || at > prev.at)
      this.last.set(serial, { avg: 0, samples: 0, long: 0, ...prev, at });
  }

  /**
   * Starts from what an earlier run learned (`learned`, see `learnedPeriods`) with the last signal
   * at `at`, so a restart does not fall back to the configured period until three new gaps are in.
   */
  seed(serial: string, at: number, learned?: LearnedPeriod): void {
    const known = learned !== undefined && learned.periodMs > 0 && learned.samples > 0;
    this.last.set(serial, {
      at,
      avg: known ? learned.periodMs : 0,
      samples: known ? learned.samples : 0,
      long: 0,
    });
  }

  /** What has been learned of each installation so far (at least one gap): to keep across a restart. */
  learnedPeriods(): Map<string, LearnedPeriod> {
    const out = new Map<string, LearnedPeriod>();
    for (const [serial, l] of this.last)
      if (l.samples > 0) out.set(serial, { periodMs: l.avg, samples: l.samples });
    return out;
  }

  /** The average gap so far, from the first gap on (not yet trusted as `learnedMs` before three). */
  averageMs(serial: string): number | undefined {
    const l = this.last.get(serial);
    return l && l.samples > 0 ? l.avg : undefined;
  }

  /** When the last signal came; undefined before the first. */
  lastAt(serial: string): number | undefined {
    return this.last.get(serial)?.at;
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
