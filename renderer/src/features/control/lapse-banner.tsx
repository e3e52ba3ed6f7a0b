import { useMemo } from 'react';
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { hrefOf } from '../../app/use-hash-route';
import { useClock } from '../../hooks/use-clock';
import { formatCount } from '../../lib/format';
import { formatClock, formatIn } from './control-words';
import { summariseLapse, type LapseSummary } from './lapse-summary';
import { useControlOverview } from './use-control';

/**
 * Refetch the overview at most every 2 s on `control.changed`: the banner is on every page, and a
 * dropped link still shows within a moment (the first change after a quiet spell is fetched at once).
 */
const REFETCH_GAP_MS = 2000;

/**
 * Red banner on every page: with the broker link down, how many held installations lapse to local
 * control, when the first does, and the first few serials. `linkToControl` is off on the Control
 * page, which lists the leases itself.
 */
export function LapseBanner({ linkToControl = true }: { linkToControl?: boolean }) {
  const { state } = useControlOverview(REFETCH_GAP_MS);
  const summary = useMemo(() => (state.kind === 'ready' ? summariseLapse(state.value) : null), [state]);
  return summary && <LapseAlert summary={summary} linkToControl={linkToControl} />;
}

function LapseAlert({ summary, linkToControl }: { summary: LapseSummary; linkToControl: boolean }) {
  // Ticks only while the banner is up, for the seconds of "in 45 s".
  const now = useClock(1000);
  const { count, firstLapsesAt, serials, more } = summary;
  const one = count === 1;
  // The countdown is hidden from screen readers: an alert whose text changes every second would be
  // read out again and again; the clock time next to it says the same once.
  const when = (
    <>
      {formatClock(firstLapsesAt)}{' '}
      <span aria-hidden="true">({formatIn(Math.max(0, firstLapsesAt - now))})</span>
    </>
  );
  return (
    <Alert
      color="red"
      role="alert"
      data-testid="lapse-banner"
      title={`${formatCount(count)} installation${one ? ' lapses' : 's lapse'} to local control`}
    >
      <Stack gap={4}>
        <Text size="sm">
          The broker link is down: no refresh can reach {one ? 'it' : 'them'}.{' '}
          {one ? 'It lapses' : 'The first lapses'} at {when}.
        </Text>
        <Text size="sm" data-testid="lapse-serials">
          {one ? serials.join(', ') : `Earliest first: ${serials.join(', ')}`}
          {more > 0 && ` and ${formatCount(more)} more`}
        </Text>
        {linkToControl && (
          <Anchor href={hrefOf('control')} size="sm">
            See every lease on the Control page
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
