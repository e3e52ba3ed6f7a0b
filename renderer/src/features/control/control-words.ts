import type { CommandRow } from '../../../../shared/contract/control-methods';
import type { AssetGroup } from '../../../../shared/domain/control/live-command';

/** The colour of each command state: green settled well, red refused or broken, grey ended quietly. */
export const STATE_COLOURS: Record<CommandRow['state'], string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  confirmed: 'teal',
  rejected: 'red',
  failed: 'red',
  expired: 'orange',
  lapsed: 'orange',
  superseded: 'gray',
  released: 'gray',
};

export const GROUP_LABELS: Record<AssetGroup, string> = {
  storage: 'Storage',
  solar: 'Solar',
  ev: 'EV',
  hvac: 'HVAC',
};

/** Watts as kilowatts with one decimal: 12.5 kW. */
export function formatKw(watts: number): string {
  return `${(watts / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kW`;
}

/** "in 2 min" / "in 45 s": how long until a lease lapses. */
export function formatIn(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `in ${s} s` : `in ${Math.round(s / 60)} min`;
}

/** The clock time of a moment: 10:42:10. */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour12: false });
}
