import { useState } from 'react';

export interface OutdatedAfterAnswer {
  /** The view on screen was fetched before the last answer: what it says may be gone in the core. */
  outdated: boolean;
  /** Call with an action's success: the view on screen is now older than what the core did. */
  answered(): void;
}

/**
 * Tells when the view on screen predates the last action's answer. An answer arrives before the
 * view fetched after it (a big rollout's grid takes a while), and until then buttons read a state
 * that is already gone: a second press of Continue on the old "paused" is refused by the core as
 * "not paused", though the first one worked.
 *
 * Views are compared by identity: each fetch gives a new object, and the reload an answer starts
 * supersedes any fetch started before it (useApiQuery drops superseded answers), so the next new
 * object is fetched after the answer.
 */
export function useOutdatedAfterAnswer(shown: object): OutdatedAfterAnswer {
  const [answeredOver, setAnsweredOver] = useState<object | null>(null);
  // A newer view has arrived: forget the old one (a big grid) rather than hold it until the next press.
  if (answeredOver !== null && answeredOver !== shown) setAnsweredOver(null);
  return {
    outdated: answeredOver === shown,
    answered: () => setAnsweredOver(shown),
  };
}
