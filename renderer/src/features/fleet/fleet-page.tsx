import { useDeferredValue, useMemo, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { EmptyState } from '../../components/empty-state';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { VirtualTable } from '../../components/virtual-table';
import { installationHref } from '../../app/use-hash-route';
import { formatCount } from '../../lib/format';
import { FleetCounters } from './fleet-counters';
import { EMPTY_FILTER, filterEntries, type FleetEntry, type FleetFilter } from './fleet-model';
import { FleetExportButtons } from './fleet-export-buttons';
import { FleetToolbar } from './fleet-toolbar';
import { SavedFilterBar } from './saved-filter-bar';
import { useFleet } from './use-fleet';
import { useFleetTable } from './use-fleet-table';
import { useSavedFilters } from './use-saved-filters';
import { TryDemoButton } from '../demo/try-demo-button';

/** Home page: the fleet's counters and one live table of every installation, worst first. */
export function FleetPage() {
  const fleet = useFleet();
  return (
    <>
      <PageHeader title="Fleet" summary="Every installation at a glance, worst first." />
      {fleet.kind === 'loading' && <Loading what="installations" />}
      {fleet.kind === 'failed' && (
        <LoadFailed what="installations" message={fleet.message} onRetry={fleet.reload} />
      )}
      {fleet.kind === 'ready' && fleet.entries.length === 0 && (
        <Stack gap="md">
          <EmptyState title="No installations yet">
            Installations appear here when controllers call the onboarding endpoint of the listener (see
            Settings for its public URL). You will then see counters for linked, pending, unhealthy, stale and
            unlinked installations, and one table of every installation with its contract, address, health,
            last seen, and battery and solar power.
          </EmptyState>
          <TryDemoButton />
        </Stack>
      )}
      {fleet.kind === 'ready' && fleet.entries.length > 0 && (
        <Stack gap="md">
          <FleetCounters counters={fleet.counters} />
          <FleetView entries={fleet.entries} />
        </Stack>
      )}
    </>
  );
}

function FleetView({ entries }: { entries: readonly FleetEntry[] }) {
  const [filter, setFilter] = useState<FleetFilter>(EMPTY_FILTER);
  const saved = useSavedFilters();
  // Typing stays responsive with 10,000 rows: React filters with the latest text when it can.
  const applied = useDeferredValue(filter);
  const visible = useMemo(() => filterEntries(entries, applied), [entries, applied]);
  const table = useFleetTable(visible);
  const { height: viewport } = useViewportSize();
  const height = viewport > 0 ? Math.max(360, viewport - 470) : 560;

  return (
    <Stack gap="sm">
      <FleetToolbar filter={filter} onChange={setFilter} />
      <SavedFilterBar saved={saved} current={filter} onPick={setFilter} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status" data-testid="fleet-match-count">
          {formatCount(visible.length)} of {formatCount(entries.length)}
        </Text>
        <FleetExportButtons rows={() => table.getRowModel().rows.map((r) => r.original)} />
      </Group>
      <VirtualTable
        table={table}
        label="Installations"
        height={height}
        rowTestId="fleet-row"
        onOpenRow={(row) => (window.location.hash = installationHref(row.serial))}
      />
      {visible.length === 0 && (
        <Group gap="xs">
          <Text size="sm">No installation matches this search and these filters.</Text>
          <Button variant="subtle" size="xs" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear filters
          </Button>
        </Group>
      )}
    </Stack>
  );
}
