import type { LatestReading } from '../../../../shared/domain/live/power-history';

const MISSING = 'not reported';

const kw = (w: number): string => `${(Math.abs(w) / 1000).toFixed(2)} kW`;

/** A signed power as the word for its direction and its size: "discharging 1.50 kW". */
function directed(w: number | null, positive: string, negative: string, zero: string): string {
  if (w === null) return MISSING;
  if (w === 0) return `${zero} (0 kW)`;
  return `${w > 0 ? positive : negative} ${kw(w)}`;
}

/**
 * The newest feedback in words, one label and value per measurement, in Fleetdesk's sign
 * convention (storage + = discharge, grid + = import), so nobody has to remember which sign means
 * what. A value the controller did not report says so rather than showing 0.
 */
export function latestReadingWords(r: LatestReading): Array<{ label: string; value: string }> {
  const stored = r.storedWh === null ? '' : ` (${(r.storedWh / 1000).toFixed(1)} kWh stored)`;
  const answer =
    r.responseCode === null
      ? MISSING
      : r.responseCode === 0
        ? '0 (accepted)'
        : `${r.responseCode} (rejected)`;
  return [
    { label: 'Battery', value: directed(r.storageW, 'discharging', 'charging', 'idle') },
    {
      label: 'State of charge',
      value: r.socPct === null ? MISSING : `${Number(r.socPct.toFixed(1))} %${stored}`,
    },
    { label: 'Solar', value: r.solarW === null ? MISSING : `producing ${kw(r.solarW)}` },
    { label: 'Grid', value: directed(r.gridW, 'importing', 'exporting', 'balanced') },
    { label: 'Last command answer', value: answer },
  ];
}
