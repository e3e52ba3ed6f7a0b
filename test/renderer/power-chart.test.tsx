import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PowerHistory } from '../../shared/domain/live/power-history';
import { chartData } from '../../renderer/src/features/installation/power-chart-model';
import { createFakeApi } from './fake-api';
import { emptyHistory } from './fake-live';
import { countersOf, fleetRow, installationView, T0 } from './fixtures';
import { fakeCanvas } from './fake-canvas';
import { renderApp } from './render-app';

const SERIAL = installationView().installation.serial;

function history(overrides: Partial<PowerHistory> = {}): PowerHistory {
  return {
    ...emptyHistory(SERIAL),
    times: [T0, T0 + 10_000, T0 + 20_000],
    storageW: [-2500, null, 1500],
    socPct: [54.5, 55, 55.5],
    solarW: [3000, 3100, 0],
    gridW: [1200, -400, 250],
    responseCode: [0, 0, 3],
    readings: 3,
    oldestAt: T0,
    ...overrides,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function openWith(histories: Record<string, PowerHistory> = {}) {
  window.location.hash = `#/installation/${SERIAL}`;
  const fake = createFakeApi({ installations: [installationView()], live: { histories } });
  await renderApp(fake);
  return { fake, section: await screen.findByRole('region', { name: 'Power' }) };
}

const historyCalls = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((c) => c.method === 'installation.history');

describe('power chart', () => {
  it('maps the history to uPlot columns: seconds, kW for power, % for SoC, gaps kept', () => {
    expect(chartData(history())).toEqual([
      [T0 / 1000, T0 / 1000 + 10, T0 / 1000 + 20],
      [-2.5, null, 1.5],
      [3, 3.1, 0],
      [1.2, -0.4, 0.25],
      [54.5, 55, 55.5],
    ]);
  });

  it('breaks the lines across a pause in feedback, so an outage within the hour shows', () => {
    // Every 10 s, then silent for 5 minutes, then every 10 s again.
    const times = [0, 10, 20, 320, 330].map((s) => T0 + s * 1000);
    const [xs, storage, , , soc] = chartData(
      history({
        times,
        storageW: [1000, 1000, 1000, 2000, 2000],
        socPct: [50, 50, 50, 60, 60],
        solarW: times.map(() => 0),
        gridW: times.map(() => 0),
        responseCode: times.map(() => 0),
      }),
    );
    expect(xs).toEqual([0, 10, 20, 170, 320, 330].map((s) => T0 / 1000 + s));
    expect(storage).toEqual([1, 1, 1, null, 2, 2]);
    expect(soc).toEqual([50, 50, 50, null, 60, 60]);
    // The minute tier's points, up to a minute apart, are no pause.
    const minutes = [0, 50, 60, 110, 120].map((s) => T0 + s * 1000);
    const [minuteXs] = chartData(
      history({
        times: minutes,
        storageW: minutes.map(() => 1),
        socPct: minutes.map(() => 1),
        solarW: minutes.map(() => 1),
        gridW: minutes.map(() => 1),
        responseCode: minutes.map(() => 0),
      }),
    );
    expect(minuteXs).toHaveLength(5);
  });

  it('says so when the installation has sent no feedback yet', async () => {
    const { section } = await openWith();
    await within(section).findByText(/No feedback received yet/);
    expect(within(section).queryByTestId('power-chart')).toBeNull();
  });

  it('draws the series with a legend and says what was cut', async () => {
    fakeCanvas();
    const { fake, section } = await openWith({
      [SERIAL]: history({
        readings: 1440,
        capacity: 720,
        dropped: 720,
        fullResolutionFrom: new Date(2026, 10, 26, 14, 5).getTime(),
      }),
    });
    const chart = await within(section).findByTestId('power-chart');
    for (const label of ['Battery kW (+ discharge)', 'Solar kW', 'Grid kW (+ import)', 'SoC %'])
      expect(chart.textContent).toContain(label);
    const note = within(section).getByTestId('power-coverage').textContent;
    expect(note).toContain('1440 readings');
    expect(note).toContain('drawn as 3 points');
    expect(note).toContain("before 14:05 as each minute's min and max");
    expect(note).toContain('the history reaches 120 min back, older readings were dropped');
    // Asked for as many points as the chart is wide (happy-dom has no layout: the default width).
    expect(historyCalls(fake)[0]?.request).toEqual({ serial: SERIAL, maxPoints: 800 });
  });

  it('refetches when a batched fleet change names this installation, not for others', async () => {
    const { fake, section } = await openWith();
    await within(section).findByText(/No feedback received yet/);
    const before = historyCalls(fake).length;
    act(() =>
      fake.emit('fleet.changed', { upserts: [fleetRow({ serial: 'SG1-9999' })], counters: countersZero }),
    );
    expect(historyCalls(fake).length).toBe(before);
    fakeCanvas();
    fake.state.live.histories.set(SERIAL, history());
    act(() =>
      fake.emit('fleet.changed', { upserts: [fleetRow({ serial: SERIAL })], counters: countersZero }),
    );
    await within(section).findByTestId('power-chart');
    expect(historyCalls(fake).length).toBe(before + 1);
  });

  /** Opens the page with this latest reading; answers the readout's value per label, and the readout. */
  async function readout(latest: NonNullable<PowerHistory['latest']>) {
    const { section } = await openWith({ [SERIAL]: history({ latest }) });
    const region = await within(section).findByRole('region', { name: 'Latest feedback' });
    const value = (label: string) => within(region).getByText(label).nextElementSibling?.textContent;
    return { region, value };
  }

  it('reads the latest feedback out in words, signs spelled out, missing values said', async () => {
    const { region, value } = await readout({
      at: T0 + 20_000,
      storageW: 1500,
      socPct: 55.46,
      storedWh: 5400,
      solarW: null,
      gridW: -400,
      responseCode: 3,
    });
    expect(value('Battery')).toBe('discharging 1.50 kW');
    expect(value('State of charge')).toBe('55.5 % (5.4 kWh stored)');
    expect(value('Solar')).toBe('not reported');
    expect(value('Grid')).toBe('exporting 0.40 kW');
    expect(value('Last command answer')).toBe('3 (rejected)');
    expect(within(region).getByText('Received').nextElementSibling?.querySelector('time')).not.toBeNull();
  });

  it('says charging and importing the other way round', async () => {
    const { value } = await readout({
      at: T0,
      storageW: -2500,
      socPct: 10,
      storedWh: null,
      solarW: 0,
      gridW: 250,
      responseCode: 0,
    });
    expect(value('Battery')).toBe('charging 2.50 kW');
    expect(value('State of charge')).toBe('10 %');
    expect(value('Solar')).toBe('producing 0.00 kW');
    expect(value('Grid')).toBe('importing 0.25 kW');
    expect(value('Last command answer')).toBe('0 (accepted)');
  });

  it('says idle and balanced at zero', async () => {
    const { value } = await readout({
      at: T0,
      storageW: 0,
      socPct: 100,
      storedWh: 10_000,
      solarW: 1200,
      gridW: 0,
      responseCode: null,
    });
    expect(value('Battery')).toBe('idle (0 kW)');
    expect(value('Grid')).toBe('balanced (0 kW)');
    expect(value('Last command answer')).toBe('not reported');
  });

  it('explains instead of failing where the browser cannot draw', async () => {
    const { section } = await openWith({ [SERIAL]: history() });
    await waitFor(() => expect(section.textContent).toContain('cannot draw the chart'));
    expect(section.textContent).toContain('3 readings');
  });
});

const countersZero = countersOf([fleetRow({ serial: SERIAL })]);
