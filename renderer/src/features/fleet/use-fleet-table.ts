import { useState } from 'react';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { FLEET_COLUMNS } from './fleet-columns';
import type { FleetEntry } from './fleet-model';

/**
 * The table model over the rows the filter kept. With no column sorted it keeps their order,
 * which is worst-first; clicking a header sorts by it, and a third click returns to worst-first.
 */
export function useFleetTable(rows: readonly FleetEntry[]): Table<FleetEntry> {
  const [sorting, setSorting] = useState<SortingState>([]);
  return useReactTable({
    // TanStack wants a mutable array type; it never mutates `data`.
    data: rows as FleetEntry[],
    columns: FLEET_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => row.serial,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
}
