import { useMemo, useState } from 'react';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type Row,
  type RowSelectionState,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { FLEET_COLUMNS } from './fleet-columns';
import { fleetFilterPredicate, type FleetEntry, type FleetFilter } from './fleet-model';

export interface FleetTable {
  table: Table<FleetEntry>;
  /** The rows the filter keeps, in the table's order: what the operator sees and exports. */
  rows: readonly Row<FleetEntry>[];
  selection: FleetSelection;
}

/** The ticked installations (multi-select for bulk actions), whether in view or not. */
export interface FleetSelection {
  /** Serials ticked that are still installations, in the table's order. */
  serials: readonly string[];
  /** How many of them the current search and filters hide. */
  hidden: number;
  /** Ticks every row in view (the others stay as they are). */
  selectInView(): void;
  clear(): void;
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
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const table = useReactTable({
    // TanStack wants a mutable array type; it never mutates `data`.
    data: entries as FleetEntry[],
    columns: FLEET_COLUMNS,
    state: { sorting, rowSelection },
    onSortingChange: setSorting,
    enableRowSelection: true,
    onRowSelectionChange: setRowSelection,
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
  const selection = useMemo((): FleetSelection => {
    // Nothing ticked (the usual case): no pass over 10,000 rows on every keystroke.
    const any = Object.keys(rowSelection).length > 0;
    // Ids of installations that left the fleet (a restore) are not counted.
    const serials = any ? ordered.filter((row) => rowSelection[row.id] === true).map((row) => row.id) : [];
    const inView = any ? rows.reduce((n, row) => n + (rowSelection[row.id] === true ? 1 : 0), 0) : 0;
    return {
      serials,
      hidden: serials.length - inView,
      selectInView: () =>
        setRowSelection((current) => ({ ...current, ...Object.fromEntries(rows.map((r) => [r.id, true])) })),
      clear: () => setRowSelection({}),
    };
  }, [ordered, rows, rowSelection]);
  return { table, rows, selection };
}
