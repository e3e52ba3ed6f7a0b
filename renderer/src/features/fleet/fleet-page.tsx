import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { EmptyState } from '../../components/empty-state';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { VirtualTable } from '../../components/virtual-table';
import { hrefOf, installationHref } from '../../app/use-hash-route';
import { handTargets } from '../control/target-handoff';
import { formatCount } from '../../lib/format';
import { FleetCounters } from './fleet-counters';
import { EMPTY_FILTER, type FleetEntry, type FleetFilter } from './fleet-model';
import { FleetExportButtons } from './fleet-export-buttons';
import { FleetToolbar } from './fleet-toolbar';
import { SavedFilterBar } from './saved-filter-bar';
import { useFleet } from './use-fleet';
import { useFleetTable, type FleetSelection } from './use-fleet-table';
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
  // Filtered in the keystroke's own render, not deferred (useDeferredValue): a keystroke costs a
  // filter pass over the prebuilt model plus a screenful of memoised rows, and deferring it only
  // added a second render and scheduler hops before the narrowed rows painted (ui-fleet bench).
  const { table, rows, selection } = useFleetTable(entries, filter);
  const { height: viewport } = useViewportSize();
  const height = viewport > 0 ? Math.max(360, viewport - 470) : 560;

  return (
    <Stack gap="sm">
      <FleetToolbar filter={filter} onChange={setFilter} />
      <SavedFilterBar saved={saved} current={filter} onPick={setFilter} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status" data-testid="fleet-match-count">
          {formatCount(rows.length)} of {formatCount(entries.length)}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={rows.length === 0}
            onClick={() => controlThese(rows.map((r) => r.original.serial))}
          >
            Send a command to these {formatCount(rows.length)}…
          </Button>
          <FleetExportButtons rows={() => rows.map((r) => r.original)} />
        </Group>
      </Group>
      <SelectionBar selection={selection} inView={rows.length} />
      <VirtualTable
        table={table}
        rows={rows}
        label="Installations"
        height={height}
        rowTestId="fleet-row"
        onOpenRow={openInstallation}
      />
      {rows.length === 0 && (
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

/**
 * The ticked rows and what can be done with them: bulk actions take the selection, which survives
 * searching and filtering (the bar says how many it hides), so rows can be gathered from several
 * searches before one send.
 */
function SelectionBar({ selection, inView }: { selection: FleetSelection; inView: number }) {
  const count = selection.serials.length;
  return (
    <Group gap="xs" data-testid="fleet-selection">
      <Text size="sm" role="status">
        {count === 0
          ? 'Tick rows to act on a selection.'
          : `${formatCount(count)} selected${selection.hidden > 0 ? ` (${formatCount(selection.hidden)} not in view)` : ''}`}
      </Text>
      <Button variant="subtle" size="xs" disabled={inView === 0} onClick={selection.selectInView}>
        Select the {formatCount(inView)} in view
      </Button>
      {count > 0 && (
        <>
          <Button size="xs" onClick={() => controlThese(selection.serials)}>
            Send a command to the {formatCount(count)} selected…
          </Button>
          <Button variant="subtle" size="xs" onClick={selection.clear}>
            Clear selection
          </Button>
        </>
      )}
    </Group>
  );
}

/** To the Control page with these serials as its targets (it previews before anything is sent). */
function controlThese(serials: readonly string[]) {
  handTargets(serials);
  window.location.hash = hrefOf('control');
}

/** One function for every render, so the table's memoised rows are not re-rendered for a new one. */
function openInstallation(row: FleetEntry) {
  window.location.hash = installationHref(row.serial);
}
