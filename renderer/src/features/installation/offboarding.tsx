import { Alert, Text } from '@mantine/core';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import type { LinkRecord } from '../../../../shared/domain/inventory/link';
import { RelativeTime } from '../../components/relative-time';
import { formatDateTime } from '../../lib/format';

/** When and why the controller was offboarded; undefined while it is not. */
export type Offboarding = { since: number; reason: string };

export function offboardingOf(view: InstallationView): Offboarding | undefined {
  const o = view.installation.onboarding;
  return o.state === 'offboarded' ? { since: o.since, reason: o.reason } : undefined;
}

/**
 * The link the offboarding ended: the core ends the link in force at the offboarding call's own
 * time (applyOffboarding), so its end carries the same moment.
 */
export function linkEndedAt(view: InstallationView, at: number): LinkRecord | undefined {
  return view.links.findLast((link) => link.ended?.at === at);
}

/**
 * Said at the top of the page: an offboarded installation keeps its page (history, timeline) but
 * can no longer be controlled, which the core's dry-run refuses anyway.
 */
export function OffboardedNotice({
  view,
  offboarding,
}: {
  view: InstallationView;
  offboarding: Offboarding;
}) {
  const ended = linkEndedAt(view, offboarding.since);
  return (
    <Alert color="gray" variant="light" title={`Offboarded on ${formatDateTime(offboarding.since)}`}>
      <Text size="sm">
        The controller reported it was offboarded <RelativeTime at={offboarding.since} />
        {offboarding.reason !== '' && <> ({offboarding.reason})</>}. Fleetdesk can no longer control it
        {ended && <>, and its link to contract {ended.contractNumber} ended then</>}. If it is onboarded
        again, it comes back through the Inbox.
      </Text>
    </Alert>
  );
}
