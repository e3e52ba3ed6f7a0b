import { z } from 'zod';

/**
 * What happened to the live feedback received since the core started, per outcome. Every message on
 * a feedback topic counts once in `total` and once in exactly one of the other counters, so the
 * operator can see at a glance whether controllers send garbage and which kind.
 */
export const FeedbackCountsSchema = z.object({
  /** Messages on a feedback topic of the protocol profile. */
  total: z.number().int().nonnegative(),
  /** Applied to the live values and the history (possibly with `fieldIssues`). */
  accepted: z.number().int().nonnegative(),
  /** Accepted messages in which some value had the wrong type or an impossible value (shown as "no value"). */
  fieldIssues: z.number().int().nonnegative(),
  /** Refused: not valid JSON. */
  badJson: z.number().int().nonnegative(),
  /** Refused: JSON, but not a feedback object (not an object, `time` missing or invalid). */
  schema: z.number().int().nonnegative(),
  /** Refused unread: larger than the feedback size cap. */
  tooLarge: z.number().int().nonnegative(),
  /** Refused: the serial in the topic is no installation of the inventory. */
  unknownSerial: z.number().int().nonnegative(),
  /** Refused: neither a value nor a response code (e.g. `{"time":1}`): it says nothing. */
  empty: z.number().int().nonnegative(),
  /**
   * Malformed: a power beyond what the installation can do (shared/domain/live/plausibility.ts).
   * That value was dropped, the message's other values were applied, and it confirmed nothing.
   * Counted here instead of `accepted`.
   */
  implausible: z.number().int().nonnegative(),
  /**
   * Not applied: a retained message the broker replayed at subscription, of unknown age. Not
   * malformed, and no report from the controller: neither a live value, nor "seen", nor an answer.
   */
  retained: z.number().int().nonnegative(),
  /** The latest refusal (or field issue), in words. */
  last: z.object({ at: z.number(), serial: z.string(), kind: z.string(), reason: z.string() }).nullable(),
  /** When counting started (the core's start). */
  since: z.number(),
});
export type FeedbackCounts = z.infer<typeof FeedbackCountsSchema>;

/** Counts before any message arrived. */
export const noFeedbackCounts = (since: number): FeedbackCounts => ({
  total: 0,
  accepted: 0,
  fieldIssues: 0,
  badJson: 0,
  schema: 0,
  tooLarge: 0,
  unknownSerial: 0,
  empty: 0,
  implausible: 0,
  retained: 0,
  last: null,
  since,
});

/** Messages refused outright (not applied anywhere). */
export const refusedCount = (c: FeedbackCounts): number =>
  c.badJson + c.schema + c.tooLarge + c.unknownSerial + c.empty;

/** Messages not believed as a whole: refused, or carrying an implausible value. */
export const malformedCount = (c: FeedbackCounts): number => refusedCount(c) + c.implausible;
