import { useRef } from 'react';
import { Table, Text, UnstyledButton } from '@mantine/core';
import { flexRender, type Header, type Table as TableModel } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

export interface VirtualTableProps<T> {
  table: TableModel<T>;
  /** The table's accessible name. */
  label: string;
  /** The scroll area's fixed height in pixels; rows outside it are not rendered. */
  height: number;
  rowHeight?: number;
  /** `data-testid` of each body row, so tests can count what is in the DOM. */
  rowTestId?: string;
  onOpenRow?(row: T): void;
}

/**
 * A table that renders only the rows in view (plus a few either side), so 10,000 rows cost what
 * 30 do. Rows have one fixed height: nothing to measure, and the scrollbar never jumps. The
 * header stays put while the body scrolls; spacer rows stand in for what is not rendered.
 * Cells stay on one line (truncated), so a row is never taller than `rowHeight`. Columns share
 * the width in proportion to their sizes and never shrink below them: the area scrolls sideways.
 */
export function VirtualTable<T>({
  table,
  label,
  height,
  rowHeight = 40,
  rowTestId,
  onOpenRow,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
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

  // Rows open on click; the keyboard way in is a link inside the row (see the fleet's serial column).
  const open = (row: T) => onOpenRow?.(row);

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
                <HeaderCell key={header.id} header={header} />
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
              <Table.Tr
                key={row.id}
                data-testid={rowTestId}
                aria-rowindex={item.index + 2}
                style={{ height: rowHeight, cursor: onOpenRow ? 'pointer' : undefined }}
                onClick={() => open(row.original)}
              >
                {row.getVisibleCells().map((cell) => (
                  <Table.Td
                    key={cell.id}
                    style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A header; sortable columns get a button that cycles ascending, descending and off. */
function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const content = header.isPlaceholder
    ? null
    : flexRender(header.column.columnDef.header, header.getContext());
  const sorted = header.column.getIsSorted();
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
}
