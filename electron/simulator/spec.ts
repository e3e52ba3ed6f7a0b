/** Static description of simulated controllers, as generated from the seed. */

/** A postal address as the listener API accepts it. */
export interface Address {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

/** A supplier-side customer contract: what the demo imports as the supplier's contract list. */
export interface CustomerContract {
  contractNumber: string;
  customerName: string;
  address: Address;
}

/** What the physics and control model needs to know about one controller. */
export interface ModelSpec {
  serial: string;
  siteNodeId: string;
  storage: {
    model: string;
    capacityWh: number;
    nominalPowerW: number;
    rampWPerS: number;
    initialSocPerc: number;
  };
  solar: { model: string; peakW: number };
  ev?: { model: string; nominalPowerW: number };
  hvac?: { model: string; nominalPowerW: number };
  /** Rating of the grid connection; reported as import/export limit when no schedule sets one. */
  gridConnectionW: number;
  fallbackTimeoutS: number;
}

/** How the contract number the "customer typed" differs from the truth. */
export type ContractIssue = 'none' | 'missing' | 'unknown' | 'typo' | 'duplicate';
/** How the reported address differs from the contract's address. */
export type AddressIssue = 'none' | 'missing' | 'as-string' | 'abbreviated' | 'wrong-number';

/** One generated controller: model data, the truth, and what it will report at onboarding. */
export interface ControllerSpec extends ModelSpec {
  index: number;
  /** The real customer behind this installation (its contract is in the fleet's contract list). */
  customer: CustomerContract;
  /** What the controller sends at onboarding; may be wrong or missing on purpose. */
  reported: { contractNumber?: string; address?: Address | string };
  contractIssue: ContractIssue;
  addressIssue: AddressIssue;
  /** Offset, in whole seconds, added to every time this controller reports. */
  skewS: number;
  /** 0..1: where in each period this controller sends, so periodic traffic is spread out. */
  phase: number;
  /** 0..1: share of the PV peak this site gets on a clear day (orientation, shade). */
  cloudFactor: number;
  baseLoadW: number;
}
