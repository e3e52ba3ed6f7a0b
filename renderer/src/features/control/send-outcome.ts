import type { ApiError } from '../../../../shared/contract';

/**
 * True when a failed send or rollout start may still have been carried out: the link to the host
 * dropped or went silent before the answer came (`unavailable`), or the core failed partway
 * (`internal`). Every other code is a refusal before anything went out.
 */
export function outcomeUnknown(error: ApiError): boolean {
  return error.code === 'unavailable' || error.code === 'internal';
}

/** What the operator should do before sending again, after an answer that never came. */
export function unknownOutcomeWords(staged: boolean): string {
  return staged
    ? 'It is not known whether the rollout started. Check the rollouts below before sending again; a new send needs a fresh preview.'
    : 'It is not known whether the command went out. Check the commands below before sending again; a new send needs a fresh preview.';
}
