import {
  formatContractNumber,
  pickAddressIssue,
  pickContractIssue,
  reportedAddress,
  typoOf,
  unknownContract,
} from './contract-noise';
import { CITIES, FIRST_NAMES, LAST_NAMES, STREETS } from './names';
import { chance, deriveSeed, mulberry32, pick, randomInt, shuffled, type Rng } from './prng';
import { siteNodeId } from './profile';
import type { ControllerSpec, CustomerContract, ModelSpec } from './spec';

/** Inputs of the generator; the same inputs always give the same fleet. */
export interface GenerateOptions {
  count: number;
  seed: number;
  /** Number of the first serial (SG1-000001 by default), so two fleets can share one broker. */
  serialStart?: number;
  /** Overrides every controller's fallback timeout. */
  fallbackTimeoutS?: number;
  /** Each controller's clock is off by a whole number of seconds in [-clockSkewS, +clockSkewS]. */
  clockSkewS?: number;
}

/** The generated controllers plus the supplier's true contract list. */
export interface GeneratedFleet {
  controllers: ControllerSpec[];
  /** One contract per controller's real customer, plus ~5% customers without a controller yet. */
  contracts: CustomerContract[];
}

/** Serial number of the n-th controller: `SG1-000001`. */
export function formatSerial(n: number): string {
  return `SG1-${String(n).padStart(6, '0')}`;
}

const STORAGE_MODELS = [
  { capacityWh: 5000, nominalPowerW: 2500 },
  { capacityWh: 7680, nominalPowerW: 3680 },
  { capacityWh: 10000, nominalPowerW: 5000 },
  { capacityWh: 13800, nominalPowerW: 5000 },
  { capacityWh: 15360, nominalPowerW: 6000 },
  { capacityWh: 20000, nominalPowerW: 10000 },
] as const;
const FALLBACK_TIMEOUTS_S = [60, 120, 300, 300, 300, 600, 900] as const;
const GOLDEN_RATIO_FRACTION = 0.6180339887498949;

/** Generates a deterministic fleet from a seed (mulberry32 streams derived per purpose and per controller). */
export function generateFleet(options: GenerateOptions): GeneratedFleet {
  const { count, seed } = options;
  const serialStart = options.serialStart ?? 1;
  const fleetRng = mulberry32(deriveSeed(seed, 1));
  const issued = count + Math.ceil(count * 0.05);
  const numbers = shuffled(
    fleetRng,
    Array.from({ length: issued }, (_, k) => k + 1),
  );
  const customers = numbers.map((n) => generateCustomer(fleetRng, formatContractNumber(n)));
  const valid = new Set(customers.map((c) => c.contractNumber));
  const controllers = Array.from({ length: count }, (_, i) => {
    const rng = mulberry32(deriveSeed(seed, 1000 + i));
    const customer = customers[i] as CustomerContract;
    const serial = formatSerial(serialStart + i);
    return generateController(rng, { i, serial, customer, customers, count, valid, options });
  });
  const contracts = [...customers].sort((a, b) => a.contractNumber.localeCompare(b.contractNumber));
  return { controllers, contracts };
}

function generateCustomer(rng: Rng, contractNumber: string): CustomerContract {
  const place = pick(rng, CITIES);
  return {
    contractNumber,
    customerName: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`,
    address: {
      street: `${pick(rng, STREETS)} ${randomInt(rng, 1, 180)}`,
      postalCode: place.postalCode,
      city: place.city,
      country: 'BE',
    },
  };
}

interface ControllerContext {
  i: number;
  serial: string;
  customer: CustomerContract;
  customers: CustomerContract[];
  count: number;
  valid: Set<string>;
  options: GenerateOptions;
}

function generateController(rng: Rng, ctx: ControllerContext): ControllerSpec {
  const { i, serial, customer, options } = ctx;
  const model = modelSpec(rng, serial, options.fallbackTimeoutS);
  // Draw every random number unconditionally so options never shift the stream of later draws.
  const skewDraw = rng();
  const contractIssue = pickContractIssue(rng, ctx.count > 1);
  const addressIssue = pickAddressIssue(rng);
  const otherIndex = (i + randomInt(rng, 1, Math.max(1, ctx.count - 1))) % ctx.count;
  const contractNumber = reportedContract(rng, contractIssue, ctx, otherIndex);
  const address = reportedAddress(rng, customer.address, addressIssue);
  const skewMax = options.clockSkewS ?? 0;
  return {
    ...model,
    index: i,
    customer,
    reported: {
      ...(contractNumber !== undefined ? { contractNumber } : {}),
      ...(address !== undefined ? { address } : {}),
    },
    contractIssue,
    addressIssue,
    skewS: Math.round((2 * skewDraw - 1) * skewMax),
    phase: (i * GOLDEN_RATIO_FRACTION) % 1,
    cloudFactor: 0.55 + 0.45 * rng(),
    baseLoadW: randomInt(rng, 200, 600),
  };
}

function reportedContract(
  rng: Rng,
  issue: ControllerSpec['contractIssue'],
  ctx: ControllerContext,
  otherIndex: number,
): string | undefined {
  const own = ctx.customer.contractNumber;
  switch (issue) {
    case 'none':
      return own;
    case 'missing':
      return undefined;
    case 'unknown':
      return unknownContract(rng, ctx.customers.length);
    case 'typo':
      return typoOf(rng, own, (c) => ctx.valid.has(c));
    case 'duplicate':
      return ctx.customers[otherIndex]?.contractNumber ?? own;
  }
}

function modelSpec(rng: Rng, serial: string, fallbackTimeoutS: number | undefined): ModelSpec {
  const storage = pick(rng, STORAGE_MODELS);
  const hasEv = chance(rng, 0.3);
  const evPowerW = pick(rng, [7400, 11000] as const);
  const hasHvac = chance(rng, 0.25);
  const hvacPowerW = randomInt(rng, 20, 40) * 100;
  const solarPeakW = randomInt(rng, 30, 120) * 100;
  const gridConnectionW = pick(rng, [9200, 11000, 17250] as const);
  const drawnTimeoutS = pick(rng, FALLBACK_TIMEOUTS_S);
  return {
    serial,
    siteNodeId: siteNodeId(serial),
    storage: {
      model: `SimBattery ${(storage.capacityWh / 1000).toFixed(1)}`,
      capacityWh: storage.capacityWh,
      nominalPowerW: storage.nominalPowerW,
      // Batteries reach a new setpoint in 1-5 s (protocol.md §2): full swing in about 2 s.
      rampWPerS: storage.nominalPowerW / 2,
      initialSocPerc: randomInt(rng, 20, 90),
    },
    solar: { model: `SimInverter ${solarPeakW / 1000}k`, peakW: solarPeakW },
    ...(hasEv ? { ev: { model: 'SimCharger', nominalPowerW: evPowerW } } : {}),
    ...(hasHvac ? { hvac: { model: 'SimHeatPump', nominalPowerW: hvacPowerW } } : {}),
    gridConnectionW,
    fallbackTimeoutS: fallbackTimeoutS ?? drawnTimeoutS,
  };
}
