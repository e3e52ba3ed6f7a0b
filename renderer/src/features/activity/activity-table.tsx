import { useCallback, useMemo, useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { ActivityRow } from '../../../../shared/contract/activity-methods';
import { ActionError } from '../../components/load-states';
import { VirtualTable } from '../../components/virtual-table';
import { activityColumns } from './activity-columns';
import { ActivityDetails } from './activity-details';
import { useActorLabel } from './use-actor-label';

/** How to fetch the next, older rows: a button under the table, with its state. */
export interface MoreRows {
  label: string;
  load(): void;
  loading: boolean;
  error: string | undefined;
}

/** Journal entries (live or archived), newest first, virtualised; a row opens its details below. */
export function ActivityTable({ rows, more }: { rows: ActivityRow[]; more: MoreRows | undefined }) {
  const [selected, setSelected] = useState<ActivityRow>();
  const open = useCallback((row: ActivityRow) => setSelected(row), []);
  const actorLabel = useActorLabel();
  const columns = useMemo(() => activityColumns(open, actorLabel), [open, actorLabel]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.seq),
  });
  const { height: viewport } = useViewportSize();
  const height = viewport > 0 ? Math.max(320, viewport - (selected ? 720 : 420)) : 520;
  return (
    <Stack gap="sm">
      <VirtualTable
        table={table}
        label="Activity"
        height={height}
        rowTestId="activity-row"
        onOpenRow={open}
      />
      {more && <MoreButton more={more} />}
      {selected && (
        <ActivityDetails row={selected} actorLabel={actorLabel} onClose={() => setSelected(undefined)} />
      )}
    </Stack>
  );
}

export function MoreButton({ more }: { more: MoreRows }) {
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" loading={more.loading} onClick={more.load}>
        {more.label}
      </Button>
      <ActionError message={more.error} />
    </Group>
  );
}
