import type { ProtocolProfile } from './profile-schema';
import { fillTemplate, matchTemplate, wildcardOf } from './templates';

/**
 * Topics and node ids of one controller under a profile. The `…Topic` builders throw on a serial
 * outside the serial number format: such a serial could add a topic level or a wildcard.
 */

/** Live command topic (Fleetdesk → controller). */
export const commandTopic = (profile: ProtocolProfile, serial: string): string =>
  fillTemplate(profile.topics.command, serial);

/** Live feedback topic (controller → Fleetdesk). */
export const feedbackTopic = (profile: ProtocolProfile, serial: string): string =>
  fillTemplate(profile.topics.feedback, serial);

/** Schedule request topic (protocol.md §3). */
export const scheduleCommandTopic = (profile: ProtocolProfile, serial: string): string =>
  fillTemplate(profile.topics.scheduleCommand, serial);

/** Schedule reply topic (protocol.md §3). */
export const scheduleFeedbackTopic = (profile: ProtocolProfile, serial: string): string =>
  fillTemplate(profile.topics.scheduleFeedback, serial);

/** `extraTags.nodeId` of a controller, e.g. `SG1-000123_site_0`. */
export const nodeIdFor = (profile: ProtocolProfile, serial: string): string =>
  fillTemplate(profile.nodeIdTemplate, serial);

/**
 * The node id an installation answers to: the site node id it reported at onboarding, else the
 * profile's template. The template is inferred; the report is the controller's own word.
 */
export function expectedNodeId(profile: ProtocolProfile, serial: string, reported?: string | null): string {
  return reported || nodeIdFor(profile, serial);
}

/** The serial a live feedback topic belongs to, or null for any other topic. Never throws. */
export function serialFromFeedbackTopic(profile: ProtocolProfile, topic: string): string | null {
  if (typeof topic !== 'string') return null;
  return matchTemplate(profile.topics.feedback, topic);
}

/**
 * What to subscribe to for live feedback: one `+` filter when the profile allows it, else one topic
 * per serial (duplicates removed). Throws on a serial outside the serial number format.
 */
export function feedbackSubscriptions(profile: ProtocolProfile, serials: readonly string[]): string[] {
  if (profile.wildcardFeedback) return [wildcardOf(profile.topics.feedback)];
  return [...new Set(serials)].map((serial) => feedbackTopic(profile, serial));
}
