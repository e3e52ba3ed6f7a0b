import { memo, useRef, type ReactElement } from 'react';
import { Table, Text, UnstyledButton } from '@mantine/core';
import {
  flexRender,
  type Cell,
  type Header,
  type Row,
  type SortDirection,
  type Table as TableModel,
} from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import classes from './virtual-table.module.css';

export interface VirtualTableProps<T> {
  table: TableModel<T>;
  /**
   * The body rows, when the caller narrows the table's row model itself (e.g. a search that picks
   * rows out of a model built once); the table's row model otherwise.
   */
  rows?: readonly Row<T>[];
  /** The table's accessible name. */
  label: string;
  /** The scroll area's fixed height in pixels; rows outside it are not rendered. */
  height: number;
  rowHeight?: number;
  /** `data-testid` of each body row, so tests can count what is in the DOM. */
  rowTestId?: string;
  /** Keep it the same function between renders (not an inline arrow), or every row re-renders. */
  onOpenRow?(row: T): void;
}

/**
 * A table that renders only the rows in view (plus a few either side), so 10,000 rows cost what
 * 30 do. Rows have one fixed height: nothing to measure, and the scrollbar never jumps. The
 * header stays put while the body scrolls; spacer rows stand in for what is not rendered.
 * Cells stay on one line (truncated), so a row is never taller than `rowHeight`. Columns share
 * the width in proportion to their sizes and never shrink below them: the area scrolls sideways.
 *
 * A body row re-renders only when its row, its position or the columns change, and a header only
 * when its column's sort does, not with every render of the page around it (a keystroke in a search
 * box, say): cells and headers must render from their row or column alone, not other table state.
 */
export function VirtualTable<T>({
  table,
  rows: narrowed,
  label,
  height,
  rowHeight = 40,
  rowTestId,
  onOpenRow,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = narrowed ?? table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    initialRect: { width: 0, height },
    observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, onRect) =>
      // The height is fixed, so where layout is unavailable (a hidden window, a DOM without layout
      // in tests) a zero size would render nothing: fall back to the height we set.
      observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : { width: rect.width, height })),
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columns = table.getVisibleLeafColumns();

  return (
    <div ref={scrollRef} style={{ height, overflow: 'auto', contain: 'strict' }}>
      <Table
        stickyHeader
        highlightOnHover
        aria-label={label}
        aria-rowcount={rows.length + 1}
        style={{ tableLayout: 'fixed', minWidth: table.getTotalSize() }}
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.getSize() }} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 1 }}>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} sorted={header.column.getIsSorted()} />
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && <tr aria-hidden style={{ height: top }} />}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <BodyRow
                key={row.id}
                row={row}
                cells={row.getVisibleCells()}
                selected={row.getIsSelected()}
                rowIndex={item.index + 2}
                height={rowHeight}
                testId={rowTestId}
                onOpen={onOpenRow}
              />
            );
          })}
          {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}

interface BodyRowProps<T> {
  row: Row<T>;
  /**
   * `row.getVisibleCells()`: TanStack keeps the same array until the columns change, so passing it
   * lets the memo see a change of columns too.
   */
  cells: Cell<T, unknown>[];
  /** The row's selection: a prop so the memo re-renders the row when it is ticked. */
  selected: boolean;
  rowIndex: number;
  height: number;
  testId: string | undefined;
  onOpen: ((row: T) => void) | undefined;
}

// Mantine's own classes for its table rows and cells, on plain elements (see BodyRow).
const ROW_CLASS = Table.classes.tr ?? '';
const CLICKABLE_ROW_CLASS = `${ROW_CLASS} ${classes.clickable}`;
const CELL_CLASS = `${Table.classes.td ?? ''} ${classes.cell}`;

/**
 * One body row. Memoised: a row whose props are unchanged looks the same, and the cells are most
 * of the cost of a render. A plain <tr>/<td> with Mantine's table classes (and the data attributes
 * its Table.Tr sets for our `highlightOnHover` and its default row borders) rather than Table.Tr and
 * Table.Td: a search keystroke mounts a screenful of new rows, and each cell is cheaper without
 * the component layers, as is a class instead of three inline style writes per cell.
 */
const BodyRow = memo(function BodyRow<T>({
  row,
  cells,
  selected,
  rowIndex,
  height,
  testId,
  onOpen,
}: BodyRowProps<T>) {
  return (
    <tr
      className={onOpen ? CLICKABLE_ROW_CLASS : ROW_CLASS}
      aria-selected={selected || undefined}
      data-selected={selected || undefined}
      data-with-row-border
      data-hover
      data-testid={testId}
      aria-rowindex={rowIndex}
      style={{ height }}
      // Rows open on click; the keyboard way in is a link inside the row (see the fleet's serial column).
      onClick={() => onOpen?.(row.original)}
    >
      {cells.map((cell) => (
        <td key={cell.id} className={CELL_CLASS}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}) as <T>(props: BodyRowProps<T>) => ReactElement;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A header; sortable columns get a button that cycles ascending, descending and off. Memoised on
 * the header (TanStack keeps it until the columns change) and its sort, which is all it shows: a
 * keystroke in a search above the table does not re-render it.
 */
const HeaderCell = memo(function HeaderCell<T>({
  header,
  sorted,
}: {
  header: Header<T, unknown>;
  sorted: false | SortDirection;
}) {
  const content = header.isPlaceholder
    ? null
    : flexRender(header.column.columnDef.header, header.getContext());
  if (!header.column.getCanSort()) return <Table.Th>{content}</Table.Th>;
  return (
    <Table.Th aria-sort={sorted ? ARIA_SORT[sorted] : 'none'}>
      <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={700} fz="sm">
        {content}
        <Text span c="dimmed" ml={4} aria-hidden>
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}) as <T>(props: { header: Header<T, unknown>; sorted: false | SortDirection }) => ReactElement;
