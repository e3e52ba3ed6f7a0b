import type { ControllerSpec } from '../../../../electron/simulator/spec';
import type { JournalDraft } from '../../../../shared/domain/inventory/journal-entry';
import { onboarding } from '../../support/harness';

/**
 * Onboarding entries for simulated controllers, as the listener would journal them: the way to
 * put a fleet into a core's inventory without going through HTTP (what onboarding is tested for
 * elsewhere); the control side only needs the devices and the fallback timeout.
 */
export function onboardingDrafts(specs: readonly ControllerSpec[], at = Date.now()): JournalDraft[] {
  return specs.map((spec) => onboarding(spec, at));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
