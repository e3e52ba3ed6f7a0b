import type { ModelSpec } from '../../electron/simulator/spec';

/** A small, round-numbered site so expected values are easy to compute by hand. */
export function modelSpec(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    serial: 'SG1-000042',
    siteNodeId: 'SG1-000042_site_0',
    storage: { model: 'Test', capacityWh: 10_000, nominalPowerW: 5000, rampWPerS: 2000, initialSocPerc: 50 },
    solar: { model: 'Test', peakW: 6000 },
    gridConnectionW: 9200,
    fallbackTimeoutS: 60,
    ...overrides,
  };
}

/** A live command envelope of the default profile. */
export function command(
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  serial = 'SG1-000042',
): string {
  return JSON.stringify({ extraTags: { nodeId: `${serial}_site_0` }, time: 1_764_151_200, fields, ...extra });
}

/** A set_schedules request with each entry JSON-encoded as protocol.md §3 says. */
export function setSchedules(entries: Record<string, unknown>[], serial = 'SG1-000042'): string {
  const fields = Object.fromEntries(entries.map((e, i) => [String(i), JSON.stringify(e)]));
  return JSON.stringify({
    extraTags: { nodeId: `${serial}_site_0` },
    time: 0,
    message_type: 'set_schedules',
    fields,
  });
}

export const T0 = Date.UTC(2026, 10, 26, 11, 0, 0);
