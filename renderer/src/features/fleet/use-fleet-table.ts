import { useMemo, useState } from 'react';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Row,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { FLEET_COLUMNS } from './fleet-columns';
import { fleetFilterPredicate, type FleetEntry, type FleetFilter } from './fleet-model';

export interface FleetTable {
  table: Table<FleetEntry>;
  /** The rows the filter keeps, in the table's order: what the operator sees and exports. */
  rows: readonly Row<FleetEntry>[];
}

/**
 * The table model over every installation, and the rows the filter keeps. With no column sorted it
 * keeps their order, which is worst-first; clicking a header sorts by it, and a third click returns
 * to worst-first.
 *
 * The model is built (and sorted) over all entries, so it changes only with the data or the sort;
 * a keystroke just picks the matching rows out of it, in order. Handing TanStack the filtered rows
 * instead would rebuild a row object for every match (10,000 of them) on every keystroke.
 */
export function useFleetTable(entries: readonly FleetEntry[], filter: FleetFilter): FleetTable {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    // TanStack wants a mutable array type; it never mutates `data`.
    data: entries as FleetEntry[],
    columns: FLEET_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => row.serial,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  // TanStack memoises the model: the same array until the data or the sort change.
  const ordered = table.getRowModel().rows;
  const rows = useMemo(() => {
    const keep = fleetFilterPredicate(filter);
    return ordered.filter((row) => keep(row.original));
  }, [ordered, filter]);
  return { table, rows };
}
