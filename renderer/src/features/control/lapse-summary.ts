import type { ControlOverview } from '../../../../shared/contract/control-methods';

/** Serials the lapse banner names before "and N more": enough to recognise, short at fleet scale. */
export const SERIALS_SHOWN = 5;

/** What the lapse banner says: how many lapse, when the first one does, and the first few serials. */
export type LapseSummary = {
  count: number;
  firstLapsesAt: number;
  /** The earliest to lapse, earliest first; at most `SERIALS_SHOWN`. */
  serials: string[];
  /** How many lapse besides the serials named. */
  more: number;
};

/**
 * The banner's words from the control overview, or null when there is nothing to warn about: the
 * link is connected (every lease is being refreshed) or Fleetdesk holds nothing that could lapse.
 */
export function summariseLapse(
  overview: Pick<ControlOverview, 'link' | 'atRisk'>,
  shown: number = SERIALS_SHOWN,
): LapseSummary | null {
  const { link, atRisk } = overview;
  if (link.state === 'connected') return null;
  // The core sends them soonest first; sorting a copy keeps "earliest first" whatever the source.
  const earliest = [...atRisk].sort((a, b) => a.lapsesAt - b.lapsesAt).slice(0, shown);
  const first = earliest[0];
  if (first === undefined) return null;
  return {
    count: atRisk.length,
    firstLapsesAt: first.lapsesAt,
    serials: earliest.map((l) => l.serial),
    more: atRisk.length - earliest.length,
  };
}
