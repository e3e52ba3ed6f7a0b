import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Anchor, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import type { ContractRow } from '../../../../shared/domain/fleet/contracts-view';
import { LoadFailed, Loading } from '../../components/load-states';
import { VirtualTable } from '../../components/virtual-table';
import { installationHref } from '../../app/use-hash-route';
import type { ApiQuery } from '../../hooks/use-api-query';
import { formatAddress, formatCount } from '../../lib/format';
import { fold } from '../../lib/search-text';

/** A contract row with its search text, built once per list load. */
type Entry = ContractRow & { readonly addressText: string; readonly searchText: string };

const COLUMNS: ColumnDef<Entry>[] = [
  { id: 'contractNumber', header: 'Contract number', accessorKey: 'contractNumber', size: 160 },
  { id: 'customerName', header: 'Customer', accessorKey: 'customerName', size: 200 },
  { id: 'address', header: 'Address', accessorKey: 'addressText', size: 280 },
  {
    id: 'linkedSerial',
    header: 'Linked controller',
    accessorFn: (c) => c.linkedSerial ?? undefined,
    sortUndefined: 'last',
    size: 160,
    cell: ({ row }) =>
      row.original.linkedSerial === null ? (
        <Text size="sm" c="dimmed">
          not linked
        </Text>
      ) : (
        <Anchor href={installationHref(row.original.linkedSerial)} size="sm" ff="monospace">
          {row.original.linkedSerial}
        </Anchor>
      ),
  },
];

/**
 * Every imported contract, searchable; virtualised like the fleet table, since there may be thousands.
 * `focus` (a contract number, from the "Jump to" palette) starts the search with it and brings the
 * list into view.
 */
export function ContractsListSection({
  query,
  focus,
}: {
  query: ApiQuery<ContractRow[]>;
  focus?: string | undefined;
}) {
  const { state } = query;
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView; a browser always does.
    if (focus !== undefined) section.current?.scrollIntoView?.({ block: 'start' });
  }, [focus]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="All contracts" ref={section}>
      <Title order={3} mb="sm">
        All contracts
      </Title>
      {state.kind === 'loading' && <Loading what="contracts" />}
      {state.kind === 'failed' && (
        <LoadFailed what="contracts" message={state.message} onRetry={query.reload} />
      )}
      {state.kind === 'ready' &&
        (state.value.length === 0 ? (
          <Text size="sm" c="dimmed">
            No contracts imported yet. Once imported, you see here which are linked to a controller.
          </Text>
        ) : (
          // A new focus starts a new search, even when the page is already open.
          <ContractsTable key={focus ?? ''} contracts={state.value} initialSearch={focus ?? ''} />
        ))}
    </Paper>
  );
}

function ContractsTable({
  contracts,
  initialSearch,
}: {
  contracts: readonly ContractRow[];
  initialSearch: string;
}) {
  const [search, setSearch] = useState(initialSearch);
  const [sorting, setSorting] = useState<SortingState>([]);
  const entries = useMemo(() => contracts.map(toEntry), [contracts]);
  const applied = useDeferredValue(search);
  const visible = useMemo(() => {
    const terms = fold(applied).split(/\s+/).filter(Boolean);
    return entries.filter((e) => terms.every((t) => e.searchText.includes(t)));
  }, [entries, applied]);
  const table = useReactTable({
    data: visible,
    columns: COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (c) => c.contractNumber,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <TextInput
          label="Search contracts"
          placeholder="Number, customer, address or serial"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          w={320}
        />
        <Text size="sm" c="dimmed" role="status">
          {formatCount(visible.length)} of {formatCount(entries.length)}
        </Text>
      </Group>
      <VirtualTable table={table} label="Contracts" height={420} rowTestId="contract-row" />
    </Stack>
  );
}

function toEntry(c: ContractRow): Entry {
  const addressText = formatAddress(c.address);
  const searchText = fold(
    [c.contractNumber, c.customerName, addressText, c.linkedSerial ?? '', c.email ?? ''].join('\u0000'),
  );
  return { ...c, addressText, searchText };
}
