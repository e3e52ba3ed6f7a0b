import type { ColumnDef } from '@tanstack/react-table';
import { HealthBadge, OnboardingBadge } from '../../components/status-badges';
import { RelativeTime } from '../../components/relative-time';
import { installationHref } from '../../app/use-hash-route';
import { formatWatts } from '../../lib/format';
import { HEALTH_RANK, ONBOARDING_RANK, type FleetEntry } from './fleet-model';
import { OVERDUE_SHORT } from './overdue-words';
import { formatClock } from '../control/control-words';
import classes from './fleet-cells.module.css';

const watts = (value: number | null) => (
  <span className={`${classes.text} ${classes.number}`}>{formatWatts(value)}</span>
);

const NOT_REFRESHED = {
  unheld: ['Command', 'A command sent without holding is in force: it is not refreshed'],
  releasing: [
    'Releasing',
    'Released (or its command ended): nothing more is sent, but the controller keeps the last command',
  ],
} as const;

/** Held, or under a command no longer refreshed: until when the controller still follows it. */
function ControlCell({ control, localBy }: Pick<FleetEntry, 'control' | 'localBy'>) {
  if (control === 'local') return null;
  if (control === 'held') return <span className={`${classes.text} ${classes.held}`}>Held</span>;
  const [label, why] = NOT_REFRESHED[control];
  // No time yet: a command not delivered yet (nothing to count its fallback timeout from).
  if (localBy === null) return <span className={`${classes.text} ${classes.held}`}>{label}</span>;
  return (
    <span
      className={`${classes.text} ${classes.held}`}
      title={`${why} until its fallback timeout runs out, at ${new Date(localBy).toLocaleString()}; it returns to local control then.`}
    >
      {label.toLowerCase()} until {formatClock(localBy)}
    </span>
  );
}

/**
 * The fleet table's columns. Sort keys are ranks or raw numbers (not the text shown), and
 * missing values sort last whichever way the column is sorted. Cells are plain elements styled by
 * fleet-cells.module.css (see there why), except the shared status badges.
 */
export const FLEET_COLUMNS: ColumnDef<FleetEntry>[] = [
  {
    // Multi-select for bulk actions: a native checkbox (cheap to mount, keyboard and screen reader
    // ready). Its click stays in the cell, so ticking a row never opens it.
    id: 'select',
    header: () => <span className={classes.hidden}>Select</span>,
    enableSorting: false,
    size: 44,
    cell: ({ row }) => (
      <input
        type="checkbox"
        className={classes.check}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        onClick={(e) => e.stopPropagation()}
        aria-label={`Select ${row.original.serial}`}
      />
    ),
  },
  {
    id: 'serial',
    header: 'Serial',
    accessorKey: 'serial',
    size: 130,
    cell: ({ row }) => (
      // A real link too, so the row opens with the keyboard and in the address bar.
      <a
        href={installationHref(row.original.serial)}
        className={classes.serial}
        onClick={(e) => e.stopPropagation()}
      >
        {row.original.serial}
      </a>
    ),
  },
  {
    id: 'customer',
    header: 'Customer & contract',
    accessorFn: (r) => r.customerName ?? r.contractNumber ?? undefined,
    sortUndefined: 'last',
    size: 200,
    // One line, like every cell: the virtual table relies on rows of one fixed height.
    cell: ({ row: { original: r } }) => (
      <span className={classes.text} title={[r.customerName, r.contractNumber].filter(Boolean).join(' · ')}>
        {r.customerName ?? '—'} <span className={classes.dimmed}>{r.contractNumber ?? 'no contract'}</span>
      </span>
    ),
  },
  {
    id: 'address',
    header: 'Address',
    accessorKey: 'address',
    size: 210,
    cell: ({ row }) => <span className={classes.text}>{row.original.address || '—'}</span>,
  },
  {
    id: 'onboarding',
    header: 'Onboarding',
    accessorFn: (r) => ONBOARDING_RANK[r.onboarding],
    sortDescFirst: false,
    size: 110,
    cell: ({ row }) => <OnboardingBadge state={row.original.onboarding} />,
  },
  {
    id: 'health',
    header: 'Health',
    accessorFn: (r) => HEALTH_RANK[r.health],
    sortDescFirst: false,
    size: 210,
    cell: ({ row: { original: r } }) => (
      <span className={classes.health}>
        <HealthBadge health={r.health} />
        {r.firstError !== null && (
          <span
            className={classes.dimmed}
            title={r.errorCount > 1 ? `${r.firstError} (+${r.errorCount - 1} more)` : r.firstError}
          >
            {r.firstError}
          </span>
        )}
        {r.firstError === null && r.overdue !== null && (
          <span className={classes.dimmed}>{OVERDUE_SHORT[r.overdue]}</span>
        )}
      </span>
    ),
  },
  {
    id: 'lastSeen',
    header: 'Last seen',
    accessorFn: (r) => r.lastSeenAt ?? undefined,
    sortUndefined: 'last',
    // Wide enough for the longest relative time ("a few seconds ago"), which 120 px cut off.
    size: 150,
    cell: ({ row }) => <RelativeTime at={row.original.lastSeenAt} />,
  },
  {
    id: 'control',
    header: 'Control',
    // Sorted descending: under our command first, then fallen back (needs a look), then local.
    accessorFn: (r) => (r.underControl ? 2 : 0) + (r.fallbackSince !== null ? 1 : 0),
    size: 170,
    cell: ({ row: { original: r } }) => (
      <>
        {r.underControl && <ControlCell control={r.control} localBy={r.localBy} />}
        {r.fallbackSince !== null && (
          <span
            className={`${classes.text} ${classes.fallback}`}
            title={`A lease lapsed at ${new Date(r.fallbackSince).toLocaleString()}: the controller went back to its own control without being asked. A new command ends it.`}
          >
            {r.underControl ? ' + fallback' : 'fallback'}
          </span>
        )}
        {!r.underControl && r.fallbackSince === null && (
          <span className={`${classes.text} ${classes.dimmed}`}>local</span>
        )}
      </>
    ),
  },
  {
    id: 'socPct',
    header: 'SoC',
    accessorFn: (r) => r.socPct ?? undefined,
    sortUndefined: 'last',
    size: 70,
    cell: ({ row }) => (
      <span className={`${classes.text} ${classes.number}`}>
        {row.original.socPct === null ? '—' : `${Math.round(row.original.socPct)} %`}
      </span>
    ),
  },
  {
    id: 'storageW',
    header: 'Storage',
    accessorFn: (r) => r.storageW ?? undefined,
    sortUndefined: 'last',
    size: 90,
    cell: ({ row }) => watts(row.original.storageW),
  },
  {
    id: 'solarW',
    header: 'Solar',
    accessorFn: (r) => r.solarW ?? undefined,
    sortUndefined: 'last',
    size: 90,
    cell: ({ row }) => watts(row.original.solarW),
  },
];
