import { Anchor, Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ActivityRow } from '../../../../shared/contract/activity-methods';
import { CATEGORY_LABELS } from '../../../../shared/domain/activity/categories';
import { installationHref } from '../../app/use-hash-route';
import { formatDateTime } from '../../lib/format';
import type { ActorLabel } from './actor-label';
import { withLocalTimes } from '../../lib/local-times';

export interface ActivityDetailsProps {
  row: ActivityRow;
  actorLabel: ActorLabel;
  onClose(): void;
}

/**
 * One entry in full: the journal line as recorded (a command's exact topic and payload, a refused
 * call's raw body), so the audit trail is evidence and not only a summary.
 */
export function ActivityDetails({ row, actorLabel, onClose }: ActivityDetailsProps) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Entry ${row.seq}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Entry {row.seq}</Title>
          <Button variant="subtle" size="xs" onClick={onClose}>
            Close details
          </Button>
        </Group>
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {row.type}
          </Badge>
          <Text size="sm" c="dimmed">
            {CATEGORY_LABELS[row.category]} · {formatDateTime(row.at)} · {actorLabel(row.actor)}
          </Text>
          {row.serial !== null && (
            <Anchor href={installationHref(row.serial)} size="sm" ff="monospace">
              Open {row.serial}
            </Anchor>
          )}
        </Group>
        <Text size="sm">{withLocalTimes(row.summary)}</Text>
        <Code block style={{ maxHeight: 360, overflow: 'auto' }} data-testid="activity-raw-entry">
          {JSON.stringify(row.entry, null, 2)}
        </Code>
      </Stack>
    </Paper>
  );
}
