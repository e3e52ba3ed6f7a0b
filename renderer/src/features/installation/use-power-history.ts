import { useEffect, useRef } from 'react';
import type { PowerHistory } from '../../../../shared/domain/live/power-history';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/** Width before the chart is measured (and in tests, where nothing has a size). */
const DEFAULT_POINTS = 800;

/**
 * Rounds the width up to 100 px: the chart redraws at any width, but the core is asked again only
 * when the width moves to another step, not for every pixel of a window resize.
 */
export const pointsFor = (width: number): number =>
  width > 0 ? Math.min(8192, Math.ceil(width / 100) * 100) : DEFAULT_POINTS;

/**
 * One installation's recent feedback, downsampled to the chart's width. Refetched when the core's
 * `fleet.changed` batch (at most 4×/s, whatever the MQTT message rate) names this serial, which it
 * does for every new reading.
 */
export function usePowerHistory(serial: string, width: number): ApiQuery<PowerHistory> {
  const api = useApi();
  const maxPoints = pointsFor(width);
  const query = useApiQuery((a) => a.installation.history({ serial, maxPoints }), serial);
  const { reload } = query;
  // A new width asks again but keeps the chart on screen meanwhile (a new query key would blank it).
  const asked = useRef(maxPoints);
  useEffect(() => {
    if (asked.current === maxPoints) return;
    asked.current = maxPoints;
    reload();
  }, [maxPoints, reload]);
  useEffect(
    () =>
      api.on('fleet.changed', (delta) => {
        if (delta.reset === true || delta.upserts.some((row) => row.serial === serial)) reload();
      }),
    [api, serial, reload],
  );
  return query;
}
