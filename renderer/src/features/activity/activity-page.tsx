import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ActivityFilter } from '../../../../shared/contract/activity-methods';
import type { ArchiveSummary } from '../../../../shared/domain/inventory/journal-archive';
import { useApi } from '../../api';
import { EmptyState } from '../../components/empty-state';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatCount, formatDateTime } from '../../lib/format';
import { ActivityExportButton } from './activity-export-button';
import { ActivityFilters } from './activity-filters';
import { formFromHash, isFiltered, toQuery, type ActivityForm } from './activity-model';
import { ActivityTable } from './activity-table';
import { ArchiveSearchBody } from './archive-search-body';
import { useActivity, type Activity } from './use-activity';
import { useArchiveSearch } from './use-archive-search';

type Where = 'journal' | 'archive';

/** The audit trail: every journal entry, newest first, filterable, live and exportable. */
export function ActivityPage() {
  const api = useApi();
  const [form, setForm] = useState<ActivityForm>(() => formFromHash(window.location.hash));
  // Typing asks the core once per pause, not once per key.
  const [typed] = useDebouncedValue({ text: form.text, serial: form.serial }, 250);
  const filter = useMemo(() => toQuery({ ...form, ...typed }), [form, typed]);
  const [where, setWhere] = useState<Where>('journal');
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
  const archived =
    archive.state.kind === 'ready' && archive.state.value.lastAt !== null ? archive.state.value : null;

  return (
    <>
      <PageHeader title="Activity" summary="Who did what, and what the fleet answered." />
      <Stack gap="sm">
        {archived && <ArchiveChoice archived={archived} where={where} onChange={setWhere} />}
        <ActivityFilters
          form={form}
          onChange={setForm}
          actors={facets.state.kind === 'ready' ? facets.state.value.actors : undefined}
        />
        {where === 'archive' && archived ? (
          <ArchiveResults filter={filter} />
        ) : (
          <LiveResults
            filter={filter}
            filtered={isFiltered(form)}
            onClear={() => setForm(formFromHash(''))}
          />
        )}
      </Stack>
    </>
  );
}

/** Where the filters search: the live journal (listed and followed live) or the journal archive. */
function ArchiveChoice({
  archived,
  where,
  onChange,
}: {
  archived: ArchiveSummary;
  where: Where;
  onChange(where: Where): void;
}) {
  return (
    <Group gap="sm" wrap="wrap">
      <SegmentedControl
        size="xs"
        aria-label="Search in"
        value={where}
        onChange={(v) => onChange(v as Where)}
        data={[
          { value: 'journal', label: 'Live journal' },
          { value: 'archive', label: 'Archive' },
        ]}
      />
      <Text size="sm" c="dimmed" role="note" aria-label="Archived entries">
        The {formatCount(archived.entries)} entries up to {formatDateTime(archived.lastAt ?? 0)} are in the
        journal archive (in every backup, Settings → Data){where === 'journal' ? ', not listed here' : ''}.
      </Text>
    </Group>
  );
}

function LiveResults({
  filter,
  filtered,
  onClear,
}: {
  filter: ActivityFilter;
  filtered: boolean;
  onClear(): void;
}) {
  const activity = useActivity(filter);
  return (
    <ActivityBody activity={activity} filtered={filtered} onClear={onClear}>
      <ActivityExportButton filter={filter} disabled={activity.state.kind !== 'ready'} />
    </ActivityBody>
  );
}

function ArchiveResults({ filter }: { filter: ActivityFilter }) {
  const search = useArchiveSearch(filter);
  return (
    <ArchiveSearchBody search={search}>
      <ActivityExportButton filter={filter} disabled={search.state.kind !== 'ready'} archive />
    </ArchiveSearchBody>
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
        <ActivityTable
          rows={state.rows}
          more={
            state.nextCursor === null
              ? undefined
              : {
                  label: 'Load older entries',
                  load: activity.loadMore,
                  loading: activity.loadingMore,
                  error: activity.moreError,
                }
          }
        />
      )}
    </Stack>
  );
}
