import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../electron/simulator/fleet-generator';

describe('generateFleet', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateFleet({ count: 50, seed: 7 });
    expect(generateFleet({ count: 50, seed: 7 })).toEqual(a);
    expect(generateFleet({ count: 50, seed: 8 }).controllers.map((c) => c.reported)).not.toEqual(
      a.controllers.map((c) => c.reported),
    );
  });

  it('names controllers and sites as the protocol does', () => {
    const { controllers } = generateFleet({ count: 3, seed: 1, serialStart: 41 });
    expect(controllers.map((c) => c.serial)).toEqual(['SG1-000041', 'SG1-000042', 'SG1-000043']);
    expect(controllers[0]?.siteNodeId).toBe('SG1-000041_site_0');
  });

  it('exports the true contracts, ~5% more than controllers, in the C-2026-0001 format', () => {
    const { controllers, contracts } = generateFleet({ count: 200, seed: 3 });
    expect(contracts).toHaveLength(210);
    expect(new Set(contracts.map((c) => c.contractNumber)).size).toBe(210);
    for (const c of contracts) expect(c.contractNumber).toMatch(/^C-2026-\d{4}$/);
    const valid = new Set(contracts.map((c) => c.contractNumber));
    for (const c of controllers) expect(valid.has(c.customer.contractNumber)).toBe(true);
  });

  it('reports deliberately wrong or missing contracts, each matching its label', () => {
    const { controllers, contracts } = generateFleet({ count: 1000, seed: 11 });
    const valid = new Set(contracts.map((c) => c.contractNumber));
    const byIssue = new Map<string, number>();
    for (const c of controllers) {
      byIssue.set(c.contractIssue, (byIssue.get(c.contractIssue) ?? 0) + 1);
      const reported = c.reported.contractNumber;
      switch (c.contractIssue) {
        case 'none':
          expect(reported).toBe(c.customer.contractNumber);
          break;
        case 'missing':
          expect(reported).toBeUndefined();
          break;
        case 'unknown':
        case 'typo':
          expect(valid.has(reported ?? '')).toBe(false);
          break;
        case 'duplicate':
          expect(valid.has(reported ?? '')).toBe(true);
          expect(reported).not.toBe(c.customer.contractNumber);
          break;
      }
    }
    for (const issue of ['none', 'missing', 'unknown', 'typo', 'duplicate'])
      expect(byIssue.get(issue) ?? 0).toBeGreaterThan(10);
    expect(controllers.some((c) => c.reported.address === undefined)).toBe(true);
    expect(controllers.some((c) => typeof c.reported.address === 'string')).toBe(true);
  });

  it('gives every site storage and solar, some EV and HVAC, and applies overrides', () => {
    const { controllers } = generateFleet({ count: 300, seed: 5, fallbackTimeoutS: 90, clockSkewS: 30 });
    for (const c of controllers) {
      expect(c.storage.capacityWh).toBeGreaterThan(0);
      expect(c.storage.nominalPowerW).toBeGreaterThan(0);
      expect(c.solar.peakW).toBeGreaterThan(0);
      expect(c.fallbackTimeoutS).toBe(90);
      expect(Math.abs(c.skewS)).toBeLessThanOrEqual(30);
    }
    expect(controllers.some((c) => c.ev !== undefined)).toBe(true);
    expect(controllers.some((c) => c.hvac !== undefined)).toBe(true);
    expect(controllers.some((c) => c.skewS !== 0)).toBe(true);
  });

  it('keeps the same fleet when only the overrides change', () => {
    const plain = generateFleet({ count: 20, seed: 9 });
    const tuned = generateFleet({ count: 20, seed: 9, fallbackTimeoutS: 30, clockSkewS: 5 });
    expect(tuned.controllers.map((c) => c.reported)).toEqual(plain.controllers.map((c) => c.reported));
    expect(tuned.controllers.map((c) => c.storage)).toEqual(plain.controllers.map((c) => c.storage));
  });
});
