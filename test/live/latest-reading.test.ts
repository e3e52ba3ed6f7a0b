import { describe, expect, it } from 'vitest';
import { liveOnFakeBroker } from './live-harness';

const T0 = 1_790_000_000_000;

describe('the latest reading beside the history', () => {
  it('is the newest feedback at full precision, whatever window the chart asks for', () => {
    const { live, feedback } = liveOnFakeBroker();
    feedback('SG1-1', T0, { response_code: 0, state: { storage: { active_power_W: 100 } } });
    feedback('SG1-1', T0 + 10_000, {
      response_code: 3,
      state: {
        storage: { active_power_W: -2345.678, mean_soc_perc: 55.55, energy_stored_Wh: 5432.1 },
        solar: { active_power_W: 3100.25 },
        grid: { active_power_W: -400.5 },
      },
    });
    const history = live.historyOf('SG1-1', T0 + 60_000, 100);
    // Nothing in the chart's window, yet the readout still shows the last values.
    expect(history.readings).toBe(0);
    expect(history.latest).toEqual({
      at: T0 + 10_000,
      storageW: -2345.678,
      socPct: 55.55,
      storedWh: 5432.1,
      solarW: 3100.25,
      gridW: -400.5,
      responseCode: 3,
    });
    // The chart's columns are Float32; the readout is not.
    expect(live.historyOf('SG1-1', undefined, 100).storageW.at(-1)).not.toBe(-2345.678);
    live.stop();
  });

  it('is null for an installation that never sent feedback, and keeps what a message left out as null', () => {
    const { live, feedback } = liveOnFakeBroker();
    expect(live.historyOf('SG1-2', undefined, 100).latest).toBeNull();
    feedback('SG1-2', T0, { state: { storage: { mean_soc_perc: 40 } } });
    expect(live.historyOf('SG1-2', undefined, 100).latest).toMatchObject({
      socPct: 40,
      storageW: null,
      gridW: null,
      responseCode: null,
    });
    live.stop();
  });
});
