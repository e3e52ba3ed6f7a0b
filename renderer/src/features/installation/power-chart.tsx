import { useEffect, useRef } from 'react';
import { Box, Paper, SimpleGrid, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LatestReading, PowerHistory } from '../../../../shared/domain/live/power-history';
import { Fact } from '../../components/fact';
import { LoadFailed, Loading } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { latestReadingWords } from './latest-reading-words';
import { chartData, chartOptions, coverageNote } from './power-chart-model';
import { usePowerHistory } from './use-power-history';

const HEIGHT = 260;

/** uPlot draws on a 2D canvas; without one (a locked-down or headless browser) say so instead of failing. */
const canDraw = (): boolean => {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
};

/** Battery, solar and grid power (kW) and state of charge (%) from the installation's recent feedback. */
export function PowerChart({ serial }: { serial: string }) {
  const { ref, width } = useElementSize();
  const { state, reload } = usePowerHistory(serial, width);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Power">
      <Title order={3} mb="xs">
        Power
      </Title>
      <Box ref={ref}>
        {state.kind === 'loading' && <Loading what="the power history" />}
        {state.kind === 'failed' && (
          <LoadFailed what="the power history" message={state.message} onRetry={reload} />
        )}
        {state.kind === 'ready' && <ChartBody history={state.value} width={width} />}
      </Box>
    </Paper>
  );
}

function ChartBody({ history, width }: { history: PowerHistory; width: number }) {
  if (history.readings === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="power-empty">
        No feedback received yet. The chart fills in as the controller reports over MQTT (about every 10 s
        once the broker link is up).
      </Text>
    );
  }
  return (
    <>
      {history.latest !== null && <LatestReadout latest={history.latest} />}
      <Text size="xs" c="dimmed" mb="xs" data-testid="power-coverage">
        {coverageNote(history)}
        {history.oldestAt !== null && (
          <>
            {' · since '}
            <RelativeTime at={history.oldestAt} />
          </>
        )}
      </Text>
      {canDraw() ? (
        <UPlotChart history={history} width={width} />
      ) : (
        <Text size="sm" c="dimmed">
          This browser cannot draw the chart (no canvas).
        </Text>
      )}
    </>
  );
}

/** The newest feedback as numbers in words, above the chart that shows how it got there. */
function LatestReadout({ latest }: { latest: LatestReading }) {
  return (
    <Box mb="sm" aria-label="Latest feedback" component="section">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing="xs" component="dl" m={0}>
        {latestReadingWords(latest).map(({ label, value }) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
        <Fact label="Received">
          <RelativeTime at={latest.at} />
        </Fact>
      </SimpleGrid>
    </Box>
  );
}

function UPlotChart({ history, width }: { history: PowerHistory; width: number }) {
  const scheme = useComputedColorScheme('light');
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(history);
  useEffect(() => {
    latest.current = history;
  });
  const drawWidth = Math.max(200, Math.round(width) || 600);

  // Colours are fixed when a plot is built, so a theme switch builds a new one.
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const u = new uPlot(chartOptions(drawWidth, HEIGHT, scheme), chartData(latest.current), el);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // Only the scheme rebuilds: drawWidth is applied by setSize below, data by setData, so a resize
    // or a new reading never flickers a rebuilt chart.
  }, [scheme]);

  useEffect(() => plot.current?.setData(chartData(history)), [history]);
  useEffect(() => plot.current?.setSize({ width: drawWidth, height: HEIGHT }), [drawWidth]);

  return <div ref={host} data-testid="power-chart" />;
}
