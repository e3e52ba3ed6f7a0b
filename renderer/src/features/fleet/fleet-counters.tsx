import type { FleetCounters as Counters } from '../../../../shared/domain/fleet/fleet-row';
import { StatGrid, type Stat } from '../../components/stat-grid';
import { formatCount } from '../../lib/format';

const LABELS: Array<[keyof Counters, string, string?]> = [
  ['installations', 'Installations'],
  ['linked', 'Linked'],
  ['pending', 'Pending', 'orange'],
  ['offboarded', 'Offboarded'],
  ['unhealthy', 'Unhealthy', 'red'],
  ['stale', 'Stale', 'grape'],
  ['unlinked', 'Unlinked', 'orange'],
  ['underControl', 'Under control', 'teal'],
  ['inFallback', 'In fallback', 'red'],
];

/** The fleet's totals as the core counts them (all installations, whatever the filter). */
export function FleetCounters({ counters }: { counters: Counters }) {
  const stats: Stat[] = LABELS.map(([key, label, color]) => ({
    key,
    label,
    value: formatCount(counters[key]),
    // Colour only a number that needs attention, so a calm fleet looks calm.
    color: counters[key] > 0 ? color : undefined,
  }));
  return <StatGrid label="Fleet counters" stats={stats} />;
}
