import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useViewportSize } from '@mantine/hooks';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { ActivityRow } from '../../../../shared/contract/activity-methods';
import { useApi } from '../../api';
import { EmptyState } from '../../components/empty-state';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { VirtualTable } from '../../components/virtual-table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatCount, formatDateTime } from '../../lib/format';
import { activityColumns } from './activity-columns';
import { ActivityDetails } from './activity-details';
import { ActivityExportButton } from './activity-export-button';
import { ActivityFilters } from './activity-filters';
import { formFromHash, isFiltered, toQuery, type ActivityForm } from './activity-model';
import { useActivity, type Activity } from './use-activity';

/** The audit trail: every journal entry, newest first, filterable, live and exportable. */
export function ActivityPage() {
  const api = useApi();
  const [form, setForm] = useState<ActivityForm>(() => formFromHash(window.location.hash));
  // Typing asks the core once per pause, not once per key.
  const [typed] = useDebouncedValue({ text: form.text, serial: form.serial }, 250);
  const filter = useMemo(() => toQuery({ ...form, ...typed }), [form, typed]);
  const activity = useActivity(filter);
  const facets = useApiQuery((a) => a.activity.facets());
  const { reload: reloadFacets } = facets;
  const archive = useApiQuery((a) => a.data.archive());
  const { reload: reloadArchive } = archive;
  useEffect(
    () =>
      api.on('activity.changed', () => {
        reloadFacets();
        // Archiving happens as the journal grows: the note follows it.
        reloadArchive();
      }),
    [api, reloadFacets, reloadArchive],
  );

  return (
    <>
      <PageHeader title="Activity" summary="Who did what, and what the fleet answered." />
      <Stack gap="sm">
        {archive.state.kind === 'ready' && archive.state.value.lastAt !== null && (
          <Text size="sm" c="dimmed" role="note" aria-label="Archived entries">
            The {formatCount(archive.state.value.entries)} entries up to{' '}
            {formatDateTime(archive.state.value.lastAt)} are in the journal archive, not listed here; they are
            in every backup (Settings → Data).
          </Text>
        )}
        <ActivityFilters
          form={form}
          onChange={setForm}
          actors={facets.state.kind === 'ready' ? facets.state.value.actors : undefined}
        />
        <ActivityBody
          activity={activity}
          filtered={isFiltered(form)}
          onClear={() => setForm(formFromHash(''))}
        >
          <ActivityExportButton filter={filter} disabled={activity.state.kind !== 'ready'} />
        </ActivityBody>
      </Stack>
    </>
  );
}

interface ActivityBodyProps {
  activity: Activity;
  filtered: boolean;
  onClear(): void;
  /** The export button, placed by the match count. */
  children: ReactNode;
}

function ActivityBody({ activity, filtered, onClear, children }: ActivityBodyProps) {
  const { state } = activity;
  if (state.kind === 'loading') return <Loading what="activity" />;
  if (state.kind === 'failed')
    return <LoadFailed what="activity" message={state.message} onRetry={activity.reload} />;
  if (state.total === 0 && !filtered)
    return (
      <EmptyState title="No activity recorded yet">
        Every operator action, controller callback and command with its outcome is recorded here as an audit
        trail you can filter and export.
      </EmptyState>
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status" data-testid="activity-match-count">
          {state.total === 0
            ? 'No entry matches these filters.'
            : `Showing ${formatCount(state.rows.length)} of ${formatCount(state.total)} ${filtered ? 'matching ' : ''}${state.total === 1 ? 'entry' : 'entries'}, newest first`}
        </Text>
        {children}
      </Group>
      {state.unreadable > 0 && (
        <Alert color="orange" title="Some journal lines could not be read">
          {formatCount(state.unreadable)} damaged {state.unreadable === 1 ? 'line is' : 'lines are'} left out
          of this list; the journal check on start-up reports where they are.
        </Alert>
      )}
      {state.total === 0 ? (
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={onClear}>
            Clear filters
          </Button>
        </Group>
      ) : (
        <ActivityTable activity={activity} rows={state.rows} hasMore={state.nextCursor !== null} />
      )}
    </Stack>
  );
}

function ActivityTable({
  activity,
  rows,
  hasMore,
}: {
  activity: Activity;
  rows: ActivityRow[];
  hasMore: boolean;
}) {
  const [selected, setSelected] = useState<ActivityRow>();
  const open = useCallback((row: ActivityRow) => setSelected(row), []);
  const columns = useMemo(() => activityColumns(open), [open]);
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
      {hasMore && (
        <Group gap="xs">
          <Button variant="default" size="xs" loading={activity.loadingMore} onClick={activity.loadMore}>
            Load older entries
          </Button>
          <ActionError message={activity.moreError} />
        </Group>
      )}
      {selected && <ActivityDetails row={selected} onClose={() => setSelected(undefined)} />}
    </Stack>
  );
}
