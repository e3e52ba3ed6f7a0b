import { noFeedbackCounts, type FeedbackCounts } from '../../../shared/domain/live/feedback-counts';

/** The serial comes from the topic and the reason may quote the payload: keep both short for the UI. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The counters a refusal can land in. */
export type RefusalKind = 'badJson' | 'schema' | 'tooLarge' | 'unknownSerial' | 'empty';

/**
 * Counts every feedback message by outcome (see FeedbackCounts) and remembers the latest problem.
 * Plain integers and one small object: constant memory whatever the message rate.
 */
export class FeedbackCounter {
  private counts: FeedbackCounts;

  constructor(since: number) {
    this.counts = noFeedbackCounts(since);
  }

  accepted(serial: string, at: number, issues: readonly string[]): void {
    this.counts.total += 1;
    this.counts.accepted += 1;
    if (issues.length === 0) return;
    this.counts.fieldIssues += 1;
    this.remember('fieldIssues', serial, at, issues.join('; '));
  }

  /** Partly applied (its plausible values), but malformed: counted apart from `accepted`. */
  implausible(serial: string, at: number, problems: readonly string[]): void {
    this.counts.total += 1;
    this.counts.implausible += 1;
    this.remember('implausible', serial, at, problems.join('; '));
  }

  /** A retained message replayed by the broker (see FeedbackCounts.retained): not a problem, not applied. */
  replayed(): void {
    this.counts.total += 1;
    this.counts.retained += 1;
  }

  refused(kind: RefusalKind, serial: string, at: number, reason: string): void {
    this.counts.total += 1;
    this.counts[kind] += 1;
    this.remember(kind, serial, at, reason);
  }

  private remember(
    kind: NonNullable<FeedbackCounts['last']>['kind'],
    serial: string,
    at: number,
    reason: string,
  ) {
    this.counts.last = { at, serial: clip(serial, 80), kind, reason: clip(reason, 300) };
  }

  /** A copy, so the caller cannot change the counters. */
  snapshot(): FeedbackCounts {
    return { ...this.counts, last: this.counts.last && { ...this.counts.last } };
  }
}
