import { ApiFailure } from '../api/dispatch';

/**
 * A release of more than one installation is a bulk operator action: like a bulk send (admission),
 * it needs a reason, checked here in the core whatever the UI did. Returns the trimmed reason.
 */
export function releaseReason(installations: number, reason: string | undefined): string | undefined {
  const given = reason?.trim() ?? '';
  if (installations > 1 && given === '')
    throw new ApiFailure(
      'invalid-request',
      `Releasing ${installations} installations needs a reason; it goes into the journal with each release.`,
    );
  return given === '' ? undefined : given;
}
