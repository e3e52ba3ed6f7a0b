import type { FeedbackTopicsRefused } from '../live/profile-follow';

/** Topics named in a message: a fleet has thousands, the operator needs the first few and a count. */
const NAMED = 3;

/**
 * Why a protocol profile was not saved because its feedback topics cannot be heard, and what to do,
 * for the operator. `wildcardsKnown` is false while no broker profile was applied to the link, which
 * then takes no `+` filter at all.
 */
export function feedbackRefusedWords(error: FeedbackTopicsRefused, wildcardsKnown: boolean): string {
  const topics = topicList(error.topics);
  const kept = 'The current profile stays in force, so live feedback keeps coming.';
  switch (error.kind) {
    case 'refused':
      return `The protocol profile was not changed: the broker refused the subscription to ${topics} (does its ACL let this user read it?), so live feedback would stop. ${kept} Let the broker user read the new feedback topics, then save again.`;
    case 'unanswered':
      return `The protocol profile was not changed: the broker did not confirm the subscription to ${topics} in time, so Fleetdesk cannot tell that live feedback would keep coming. ${kept} Check the broker link on the Control page, then save again.`;
    case 'not-allowed':
      if (!wildcardsKnown && error.topics.some((t) => t.includes('+')))
        return `The protocol profile was not changed: no broker profile is connected yet, so Fleetdesk cannot subscribe to the + filter ${topics} of wildcard feedback, and live feedback would stop. ${kept} Connect a broker profile that allows + wildcards, then save again.`;
      return `The protocol profile was not changed: the broker link does not subscribe to ${topics} (${cut(error.message)}), so live feedback would stop. ${kept}`;
  }
}

function topicList(topics: readonly string[]): string {
  const named = topics.slice(0, NAMED).join(', ');
  return topics.length > NAMED ? `${named} and ${topics.length - NAMED} more` : named;
}

/** The link's own words name every topic: the first part says why. */
function cut(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
