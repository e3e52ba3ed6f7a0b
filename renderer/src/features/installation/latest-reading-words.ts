import type { LatestReading } from '../../../../shared/domain/live/power-history';

const kw = (w: number): string => `${(Math.abs(w) / 1000).toFixed(2)} kW`;

/**
 * The newest feedback in words, one label and value per measurement, in Fleetdesk's sign
 * convention (storage + = discharge, grid + = import), so nobody has to remember which sign means
 * what. A value the controller did not report says so rather than showing 0.
 */
export function latestReadingWords(r: LatestReading): Array<{ label: string; value: string }> {
  const missing = 'not reported';
  const battery =
    r.storageW === null
      ? missing
      : r.storageW > 0
        ? `discharging ${kw(r.storageW)}`
        : r.storageW < 0
          ? `charging ${kw(r.storageW)}`
          : 'idle (0 kW)';
  const stored = r.storedWh === null ? '' : ` (${(r.storedWh / 1000).toFixed(1)} kWh stored)`;
  const soc = r.socPct === null ? missing : `${Number(r.socPct.toFixed(1))} %${stored}`;
  const solar = r.solarW === null ? missing : `producing ${kw(r.solarW)}`;
  const grid =
    r.gridW === null
      ? missing
      : r.gridW > 0
        ? `importing ${kw(r.gridW)}`
        : r.gridW < 0
          ? `exporting ${kw(r.gridW)}`
          : 'balanced (0 kW)';
  const answer =
    r.responseCode === null
      ? missing
      : r.responseCode === 0
        ? '0 (accepted)'
        : `${r.responseCode} (rejected)`;
  return [
    { label: 'Battery', value: battery },
    { label: 'State of charge', value: soc },
    { label: 'Solar', value: solar },
    { label: 'Grid', value: grid },
    { label: 'Last command answer', value: answer },
  ];
}
