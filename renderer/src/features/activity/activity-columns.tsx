import { Anchor, Badge, Text, UnstyledButton } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { ActivityRow } from '../../../../shared/contract/activity-methods';
import { CATEGORY_LABELS, CATEGORY_SHORT_LABELS } from '../../../../shared/domain/activity/categories';
import { installationHref } from '../../app/use-hash-route';
import { formatDateTime } from '../../lib/format';
import type { ActorLabel } from './actor-label';
import { withLocalTimes } from '../../lib/local-times';

/**
 * The Activity table's columns. Cells render from their row alone (the virtual table re-renders
 * a row only when it changes); the details button is the keyboard way to a row's details.
 */
export function activityColumns(
  onOpen: (row: ActivityRow) => void,
  actorLabel: ActorLabel,
): ColumnDef<ActivityRow>[] {
  return [
    {
      id: 'seq',
      header: '#',
      size: 70,
      cell: ({ row }) => (
        <UnstyledButton
          fz="sm"
          ff="monospace"
          aria-label={`Details of entry ${row.original.seq}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(row.original);
          }}
        >
          {row.original.seq}
        </UnstyledButton>
      ),
    },
    {
      id: 'at',
      header: 'When',
      size: 170,
      cell: ({ row }) => (
        <Text size="sm" component="time" dateTime={new Date(row.original.at).toISOString()}>
          {formatDateTime(row.original.at)}
        </Text>
      ),
    },
    {
      id: 'category',
      header: 'Category',
      size: 120,
      cell: ({ row }) => (
        <Badge
          size="sm"
          variant="light"
          tt="none"
          title={`${CATEGORY_LABELS[row.original.category]} (${row.original.type})`}
        >
          {CATEGORY_SHORT_LABELS[row.original.category]}
        </Badge>
      ),
    },
    {
      id: 'actor',
      header: 'Who',
      size: 210,
      cell: ({ row }) => {
        const label = actorLabel(row.original.actor);
        // A long token label is cut in the cell; the whole of it, and the id behind it, on hover.
        const title = label === row.original.actor ? label : `${label} (${row.original.actor})`;
        return (
          <Text size="sm" truncate title={title}>
            {label}
          </Text>
        );
      },
    },
    {
      id: 'serial',
      header: 'Installation',
      size: 130,
      cell: ({ row }) =>
        row.original.serial === null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Anchor
            href={installationHref(row.original.serial)}
            ff="monospace"
            size="sm"
            onClick={(e) => e.stopPropagation()}
          >
            {row.original.serial}
          </Anchor>
        ),
    },
    {
      id: 'summary',
      header: 'What happened',
      size: 420,
      cell: ({ row }) => (
        <Text size="sm" truncate title={withLocalTimes(row.original.summary)}>
          {withLocalTimes(row.original.summary)}
        </Text>
      ),
    },
  ];
}
