import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { OnboardingBadge } from '../../components/status-badges';
import { VirtualTable } from '../../components/virtual-table';
import { formatCount } from '../../lib/format';
import { filterEntries, type FleetEntry } from '../fleet/fleet-model';
import type { SavedFilter } from '../fleet/saved-filters';
import { pickerFilter, savedFilterNoticeWords, useSavedFilterPick } from './use-saved-filter-pick';

export interface TargetPickerProps {
  /** Every installation, worst first (the fleet's order); the list keeps the order it first showed. */
  entries: readonly FleetEntry[];
  /** The Fleet page's saved filters, live and read only: they are picked here, never changed. */
  savedFilters: readonly SavedFilter[];
  selected: readonly string[];
  onChange(serials: string[]): void;
  loading?: boolean;
}

/**
 * Picks targets: a saved Fleet filter and a search (within it) narrow the list, checkboxes pick
 * one by one, "Select all shown" takes what the list shows. The selection survives a new search, so
 * several searches can add up; the count says how many are picked in total.
 */
export function TargetPicker({
  entries,
  savedFilters,
  selected,
  onChange,
  loading = false,
}: TargetPickerProps) {
  const [search, setSearch] = useState('');
  const saved = useSavedFilterPick(savedFilters);
  // Derived at every render from the live saved filter: what the select names is what narrows.
  const filter = useMemo(() => pickerFilter(saved.filter, search), [saved.filter, search]);
  // Rows keep the place they first had. The fleet re-sorts worst-first as health reports arrive,
  // and a list that moves under the pointer makes an operator pick the wrong home (or unpick the
  // one just picked). Installations seen later are added at the end.
  const places = useRef(new Map<string, number>());
  const steady = useMemo(() => {
    for (const e of entries)
      if (!places.current.has(e.serial)) places.current.set(e.serial, places.current.size);
    const placeOf = (e: FleetEntry) => places.current.get(e.serial) ?? 0;
    return [...entries].sort((a, b) => placeOf(a) - placeOf(b));
  }, [entries]);
  const shown = useMemo(() => filterEntries(steady, filter), [steady, filter]);
  const picked = useMemo(() => new Set(selected), [selected]);
  const linked = useMemo(
    () => entries.filter((e) => e.onboarding === 'linked').map((e) => e.serial),
    [entries],
  );

  // The cells and the row click are built once per selection, not per render: they read the latest
  // selection and callback from here, so a change elsewhere in the draft is never overwritten by an
  // older one captured in a cell.
  const latest = useRef({ selected, onChange });
  useEffect(() => {
    latest.current = { selected, onChange };
  });
  const toggle = useCallback((serial: string) => {
    const { selected: now, onChange: change } = latest.current;
    change(now.includes(serial) ? now.filter((s) => s !== serial) : [...now, serial]);
  }, []);
  const addShown = () => onChange([...selected, ...shown.map((e) => e.serial).filter((s) => !picked.has(s))]);
  const pickSaved = (name: string) => {
    saved.pick(name);
    // A saved filter shows exactly its installations; a search typed afterwards narrows within it.
    setSearch('');
  };

  const columns = useMemo<ColumnDef<FleetEntry>[]>(
    () => [
      {
        id: 'pick',
        header: '',
        size: 44,
        cell: ({ row }) => (
          <Checkbox
            aria-label={`Select ${row.original.serial}`}
            checked={picked.has(row.original.serial)}
            // The box toggles by itself (also from the keyboard); stopping the click keeps the row's
            // own click handler from toggling it straight back.
            onChange={() => toggle(row.original.serial)}
            onClick={(e) => e.stopPropagation()}
          />
        ),
      },
      { id: 'serial', header: 'Serial', size: 130, accessorKey: 'serial' },
      {
        id: 'customer',
        header: 'Customer',
        size: 200,
        accessorFn: (r) => r.customerName ?? r.contractNumber ?? '—',
      },
      {
        id: 'onboarding',
        header: 'Onboarding',
        size: 110,
        cell: ({ row }) => <OnboardingBadge state={row.original.onboarding} />,
      },
    ],
    // The checkboxes mirror the selection, so the cells are rebuilt when it changes.
    [picked, toggle],
  );
  const openRow = useCallback((row: FleetEntry) => toggle(row.serial), [toggle]);
  const table = useReactTable({
    data: shown,
    columns,
    getRowId: (row) => row.serial,
    getCoreRowModel: getCoreRowModel(),
  });

  return (
    <Stack gap="xs" component="section" aria-label="Targets">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search installations"
          // As on the Fleet page: grows into the row's spare width, never narrower than its placeholder.
          style={{ flex: '1 1 260px' }}
          placeholder={
            loading
              ? 'Loading installations…'
              : saved.name !== ''
                ? 'Search within the saved filter'
                : 'Serial, customer, contract or address'
          }
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            saved.acknowledge();
          }}
        />
        <NativeSelect
          label="From saved filter"
          data={[
            {
              value: '',
              label: savedFilters.length > 0 ? 'No saved filter' : 'None saved on the Fleet page',
            },
            ...savedFilters.map((f) => f.name),
          ]}
          value={saved.name}
          onChange={(e) => pickSaved(e.currentTarget.value)}
          disabled={savedFilters.length === 0}
        />
        <Button variant="light" disabled={shown.length === 0} onClick={addShown}>
          Select all shown ({formatCount(shown.length)})
        </Button>
        <Button variant="light" disabled={linked.length === 0} onClick={() => onChange(linked)}>
          All linked installations
        </Button>
        <Button variant="subtle" disabled={selected.length === 0} onClick={() => onChange([])}>
          Clear selection
        </Button>
      </Group>
      {saved.notice !== null && (
        <Text size="sm" c="orange" role="status" data-testid="saved-filter-notice">
          {savedFilterNoticeWords(saved.notice, search.trim() !== '')}
        </Text>
      )}
      <Group gap="md">
        <Text size="sm" fw={500} data-testid="target-count" role="status">
          {formatCount(selected.length)} target{selected.length === 1 ? '' : 's'} selected
        </Text>
        <Text size="sm" c="dimmed" data-testid="picker-shown">
          {formatCount(shown.length)} of {formatCount(entries.length)} shown
        </Text>
      </Group>
      <VirtualTable
        table={table}
        label="Pick installations"
        height={240}
        rowHeight={36}
        rowTestId="picker-row"
        onOpenRow={openRow}
      />
    </Stack>
  );
}
