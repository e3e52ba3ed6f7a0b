import type { ProtocolProfile } from './profile-schema';

/** What a feedback `response_code` says about the last command. */
export type ResponseMeaning = keyof ProtocolProfile['responseCodes'] | 'unknown';

const LABELS: Record<ResponseMeaning, string> = {
  accepted: 'accepted',
  malformed: 'rejected: malformed payload',
  unknownPolicy: 'rejected: unknown policy',
  setpointOutOfRange: 'rejected: setpoint out of range',
  groupNotPresent: 'rejected: group not present or not controllable',
  unknown: 'rejected: unknown response code',
};

/**
 * Maps a response code to its meaning under the profile. Any code other than the accepted one is a
 * rejection (protocol.md §2), including codes the profile does not list.
 */
export function responseMeaning(
  profile: ProtocolProfile,
  code: number,
): { meaning: ResponseMeaning; label: string } {
  const entry = Object.entries(profile.responseCodes).find(([, c]) => c === code);
  const meaning = (entry?.[0] ?? 'unknown') as ResponseMeaning;
  const label = meaning === 'unknown' ? `${LABELS.unknown} ${code}` : LABELS[meaning];
  return { meaning, label };
}
