import { z } from 'zod';

/**
 * Bounds of a fallback timeout the operator sets for an installation. The lower one: a held lease
 * is re-sent every third of the timeout and a controller takes at most one command a second
 * (protocol.md §2), so below 3 s the refreshes cannot keep up and the lease lapses between them.
 * The upper one, a day: a controller that keeps our last command longer than that after Fleetdesk
 * stops is a typo more likely than a wish, and the lapse times the UI shows stay meaningful.
 */
export const FALLBACK_OVERRIDE_RANGE = { min: 3, max: 86_400 } as const;

/** What the operator may set: whole seconds within FALLBACK_OVERRIDE_RANGE, refused in words otherwise. */
export const FallbackOverrideSecondsSchema = z
  .number({ message: 'the fallback timeout must be a number of seconds' })
  .int({ message: 'the fallback timeout must be whole seconds' })
  .min(FALLBACK_OVERRIDE_RANGE.min, {
    message: `the fallback timeout must be at least ${FALLBACK_OVERRIDE_RANGE.min} s: a held lease is re-sent every third of it, at most once a second`,
  })
  .max(FALLBACK_OVERRIDE_RANGE.max, {
    message: `the fallback timeout must be at most ${FALLBACK_OVERRIDE_RANGE.max.toLocaleString('en-US')} s (a day)`,
  });

/** The operator's value on an installation, and who set it when (the installation page says so). */
export const FallbackOverrideSchema = z.object({
  seconds: z.number().int().positive(),
  at: z.number().int(),
  by: z.string(),
});
export type FallbackOverride = z.infer<typeof FallbackOverrideSchema>;
