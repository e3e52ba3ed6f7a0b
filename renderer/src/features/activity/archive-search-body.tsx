import type { ReactNode } from 'react';
import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { LoadFailed, Loading } from '../../components/load-states';
import { formatCount, formatDateTime } from '../../lib/format';
import { ActivityTable, MoreButton, type MoreRows } from './activity-table';
import type { ArchiveSearch } from './use-archive-search';

/**
 * The Activity list over the journal archive: what the filters found so far, and how far back it
 * searched. `children`: the export button, placed by the count.
 */
export function ArchiveSearchBody({ search, children }: { search: ArchiveSearch; children: ReactNode }) {
  const { state } = search;
  if (state.kind === 'loading') return <Loading what="the journal archive" />;
  if (state.kind === 'failed')
    return <LoadFailed what="the journal archive" message={state.message} onRetry={search.reload} />;
  const more: MoreRows | undefined =
    state.nextCursor === null
      ? undefined
      : {
          label: 'Search further back',
          load: search.loadMore,
          loading: search.loadingMore,
          error: search.moreError,
        };
  const found = state.rows.length;
  const reach =
    state.nextCursor === null
      ? 'the whole archive was searched'
      : state.searchedBackTo
        ? `searched back to ${formatDateTime(state.searchedBackTo.at)}`
        : 'nothing searched yet';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status" data-testid="activity-match-count">
          {found === 0
            ? `No archived entry matches these filters; ${reach}.`
            : `Found ${formatCount(found)} archived ${found === 1 ? 'entry' : 'entries'}, newest first; ${reach}.`}
        </Text>
        {children}
      </Group>
      {state.problems.length > 0 && (
        <Alert color="red" title="Some archived files could not be read">
          Their entries were not searched:
          <List size="sm">
            {state.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {state.unreadable > 0 && (
        <Alert color="orange" title="Some archived lines could not be read">
          {formatCount(state.unreadable)} damaged {state.unreadable === 1 ? 'line is' : 'lines are'} left out
          of this list.
        </Alert>
      )}
      {found > 0 ? <ActivityTable rows={state.rows} more={more} /> : more && <MoreButton more={more} />}
    </Stack>
  );
}
