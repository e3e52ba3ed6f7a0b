import { Anchor, Group, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { HealthBadge, OnboardingBadge } from '../../components/status-badges';
import { RelativeTime } from '../../components/relative-time';
import { installationHref } from '../../app/use-hash-route';
import { formatWatts } from '../../lib/format';
import { HEALTH_RANK, ONBOARDING_RANK, type FleetEntry } from './fleet-model';

const watts = (value: number | null) => (
  <Text size="sm" ta="right">
    {formatWatts(value)}
  </Text>
);

/**
 * The fleet table's columns. Sort keys are ranks or raw numbers (not the text shown), and
 * missing values sort last whichever way the column is sorted.
 */
export const FLEET_COLUMNS: ColumnDef<FleetEntry>[] = [
  {
    id: 'serial',
    header: 'Serial',
    accessorKey: 'serial',
    size: 130,
    cell: ({ row }) => (
      // A real link too, so the row opens with the keyboard and in the address bar.
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
    id: 'customer',
    header: 'Customer & contract',
    accessorFn: (r) => r.customerName ?? r.contractNumber ?? undefined,
    sortUndefined: 'last',
    size: 200,
    // One line, like every cell: the virtual table relies on rows of one fixed height.
    cell: ({ row: { original: r } }) => (
      <Text size="sm" truncate title={[r.customerName, r.contractNumber].filter(Boolean).join(' · ')}>
        {r.customerName ?? '—'}{' '}
        <Text span size="xs" c="dimmed">
          {r.contractNumber ?? 'no contract'}
        </Text>
      </Text>
    ),
  },
  {
    id: 'address',
    header: 'Address',
    accessorKey: 'address',
    size: 210,
    cell: ({ row }) => (
      <Text size="sm" truncate>
        {row.original.address || '—'}
      </Text>
    ),
  },
  {
    id: 'onboarding',
    header: 'Onboarding',
    accessorFn: (r) => ONBOARDING_RANK[r.onboarding],
    sortDescFirst: false,
    size: 110,
    cell: ({ row }) => <OnboardingBadge state={row.original.onboarding} />,
  },
  {
    id: 'health',
    header: 'Health',
    accessorFn: (r) => HEALTH_RANK[r.health],
    sortDescFirst: false,
    size: 210,
    cell: ({ row: { original: r } }) => (
      <Group gap="xs" wrap="nowrap">
        <HealthBadge health={r.health} />
        {r.firstError !== null && (
          <Text
            size="xs"
            c="dimmed"
            truncate
            title={r.errorCount > 1 ? `${r.firstError} (+${r.errorCount - 1} more)` : r.firstError}
          >
            {r.firstError}
          </Text>
        )}
      </Group>
    ),
  },
  {
    id: 'lastSeen',
    header: 'Last seen',
    accessorFn: (r) => r.lastSeenAt ?? undefined,
    sortUndefined: 'last',
    size: 120,
    cell: ({ row }) => <RelativeTime at={row.original.lastSeenAt} />,
  },
  {
    id: 'storageW',
    header: 'Storage',
    accessorFn: (r) => r.storageW ?? undefined,
    sortUndefined: 'last',
    size: 90,
    cell: ({ row }) => watts(row.original.storageW),
  },
  {
    id: 'solarW',
    header: 'Solar',
    accessorFn: (r) => r.solarW ?? undefined,
    sortUndefined: 'last',
    size: 90,
    cell: ({ row }) => watts(row.original.solarW),
  },
];
