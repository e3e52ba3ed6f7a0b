import { useMemo } from 'react';
import { Badge, Text } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { RolloutGridRow } from '../../../../shared/contract/rollout-methods';
import { VirtualTable } from '../../components/virtual-table';
import { formatClock } from './control-words';
import { targetColour } from './rollout-words';
import { withLocalTimes } from '../../lib/local-times';

const COLUMNS: ColumnDef<RolloutGridRow>[] = [
  {
    id: 'serial',
    header: 'Serial',
    size: 140,
    cell: ({ row }) => (
      <Text size="sm" ff="monospace">
        {row.original.serial}
      </Text>
    ),
  },
  { id: 'batch', header: 'Batch', size: 60, cell: ({ row }) => row.original.batch + 1 },
  {
    id: 'state',
    header: 'State',
    size: 110,
    cell: ({ row }) => (
      <Badge color={targetColour(row.original.state)} variant="light" data-testid="target-state">
        {row.original.state}
      </Badge>
    ),
  },
  { id: 'attempts', header: 'Sends', size: 60, cell: ({ row }) => row.original.attempts },
  {
    id: 'detail',
    header: 'Detail',
    size: 260,
    cell: ({ row }) => (
      <Text size="sm" c="dimmed" title={row.original.detail && withLocalTimes(row.original.detail)}>
        {row.original.detail ? withLocalTimes(row.original.detail) : '—'}
      </Text>
    ),
  },
  {
    id: 'changed',
    header: 'Last change',
    size: 100,
    cell: ({ row }) => (row.original.changedAt === null ? '—' : formatClock(row.original.changedAt)),
  },
];

/**
 * Every target of a rollout and its state, virtualised: only the rows in view are in the DOM, so a
 * rollout to 10,000 installations scrolls like one to 30.
 */
export function RolloutGrid({ rows, height = 360 }: { rows: readonly RolloutGridRow[]; height?: number }) {
  const data = useMemo(() => [...rows], [rows]);
  const table = useReactTable({
    data,
    columns: COLUMNS,
    getRowId: (row) => row.serial,
    getCoreRowModel: getCoreRowModel(),
  });
  return (
    <VirtualTable
      table={table}
      label="Rollout targets"
      height={height}
      rowHeight={36}
      rowTestId="rollout-row"
    />
  );
}
