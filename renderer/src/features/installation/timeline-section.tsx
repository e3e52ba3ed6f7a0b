import { Anchor, Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { InstallationView, TimelineItem } from '../../../../shared/domain/fleet/installation-view';
import type { Action } from '../../hooks/use-action';
import { JsonBlock } from '../../components/json-block';
import { RelativeTime } from '../../components/relative-time';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatCount, formatDateTime } from '../../lib/format';
import { hrefOf } from '../../app/use-hash-route';
import type { ActorLabel } from '../activity/actor-label';
import { useActorLabel } from '../activity/use-actor-label';
import { NoteForm } from './note-form';
import type { OverdueSignals } from '../../../../shared/domain/fleet/fleet-row';
import { OVERDUE_SENTENCE } from '../fleet/overdue-words';
import { withLocalTimes } from '../../lib/local-times';

export interface TimelineSectionProps {
  view: InstallationView;
  addNote: Action<[text: string], InstallationView>;
}

/** Everything that happened to this installation, newest first, with a note box on top. */
export function TimelineSection({ view, addNote }: TimelineSectionProps) {
  const { timeline, timelineTotal, timelineComplete } = view;
  const cut = timeline.length < timelineTotal || !timelineComplete;
  const archive = useApiQuery((a) => a.data.archive());
  const archivedUpTo = archive.state.kind === 'ready' ? archive.state.value.lastAt : null;
  const actorLabel = useActorLabel();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Timeline">
      <Group justify="space-between" mb="sm">
        <Title order={3}>Timeline</Title>
        <Text size="sm" c="dimmed">
          {/* Nothing cut without a marker: say how much older history is not shown. */}
          {countNote(timeline.length, timelineTotal, timelineComplete, cut)}
          {archivedUpTo !== null &&
            `; entries up to ${formatDateTime(archivedUpTo)} are in the journal archive`}
          {cut && (
            <>
              {'. '}
              <Anchor href={activityHref(view.installation.serial)} size="sm">
                Every entry, with filters and CSV, on the Activity page
              </Anchor>
            </>
          )}
        </Text>
      </Group>
      <Stack gap="md">
        <NoteForm addNote={addNote} />
        {view.health === 'stale' && view.overdue !== null && <StaleNow overdue={view.overdue} />}
        {timeline.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing has happened yet.
          </Text>
        ) : (
          <Timeline bulletSize={12} lineWidth={2}>
            {timeline.map((item) => (
              <Timeline.Item key={item.seq} title={<TimelineTitle item={item} actorLabel={actorLabel} />}>
                <Text size="sm">{withLocalTimes(item.summary)}</Text>
                {Object.keys(item.detail).length > 0 && <JsonBlock summary="Details" value={item.detail} />}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}

/** The Activity page filtered to this serial: where the whole history pages, filters and exports. */
function activityHref(serial: string): string {
  return `${hrefOf('activity')}?${new URLSearchParams({ serial }).toString()}`;
}

function countNote(shown: number, total: number, complete: boolean, cut: boolean): string {
  // Right after a start the older journal segments are still being indexed: say so, not a wrong total.
  if (!complete)
    return `Showing the newest ${formatCount(shown)} entries; older ones are still being indexed (${formatCount(total)} counted so far)`;
  return cut
    ? `Showing ${formatCount(shown)} of ${formatCount(total)} entries, newest first`
    : `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}, newest first`;
}

function TimelineTitle({ item, actorLabel }: { item: TimelineItem; actorLabel: ActorLabel }) {
  return (
    <Group gap="xs">
      <Badge size="sm" variant="light" tt="none">
        {item.type}
      </Badge>
      <Text size="xs" c="dimmed">
        <RelativeTime at={item.at} /> · {actorLabel(item.actor)}
      </Text>
    </Group>
  );
}

/**
 * Stale is concluded from silence, so no journal entry marks it; without this the timeline's
 * newest entry (an old health call) reads as if all were well since.
 */
function StaleNow({ overdue }: { overdue: Exclude<OverdueSignals, null> }) {
  return (
    <Group gap="xs" data-testid="timeline-stale" wrap="nowrap" align="flex-start">
      <Badge size="sm" variant="light" color="gray" tt="none">
        now: stale
      </Badge>
      <Text size="sm">
        {OVERDUE_SENTENCE[overdue]}{' '}
        <Text span size="xs" c="dimmed">
          (Concluded from the silence, so no entry below marks it.)
        </Text>
      </Text>
    </Group>
  );
}
