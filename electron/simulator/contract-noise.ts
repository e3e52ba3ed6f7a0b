import { chance, pick, randomInt, type Rng } from './prng';
import { abbreviateStreet } from './names';
import type { Address, AddressIssue, ContractIssue } from './spec';

/** Formats a contract number the way the supplier issues them: `C-2026-0001`. */
export function formatContractNumber(n: number, year = 2026): string {
  return `C-${year}-${String(n).padStart(4, '0')}`;
}

/** Picks what is wrong with a controller's contract number (most are right, as in real life). */
export function pickContractIssue(rng: Rng, canDuplicate: boolean): ContractIssue {
  const r = rng();
  if (r < 0.75) return 'none';
  if (r < 0.82) return 'missing';
  if (r < 0.88) return 'unknown';
  if (r < 0.95) return 'typo';
  return canDuplicate ? 'duplicate' : 'none';
}

/** Picks what is off in a controller's reported address. */
export function pickAddressIssue(rng: Rng): AddressIssue {
  const r = rng();
  if (r < 0.8) return 'none';
  if (r < 0.86) return 'missing';
  if (r < 0.92) return 'as-string';
  if (r < 0.97) return 'abbreviated';
  return 'wrong-number';
}

/**
 * A mistyped variant of `valid` that is not itself a valid contract (otherwise the "typo" would silently
 * become another customer's contract, which is the `duplicate` case, not this one).
 */
export function typoOf(rng: Rng, valid: string, isValid: (c: string) => boolean): string {
  const variants = [
    () => swapAdjacentDigits(rng, valid),
    () => valid.replace('-', ''),
    () => valid.toLowerCase(),
    () => valid.replace(/0/g, 'O'),
    () => ` ${valid} `,
    () => valid.slice(0, -1),
  ] as const;
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = pick(rng, variants)();
    if (candidate !== valid && !isValid(candidate)) return candidate;
  }
  return `${valid}X`;
}

function swapAdjacentDigits(rng: Rng, text: string): string {
  const tail = text.lastIndexOf('-') + 1;
  const i = randomInt(rng, tail, text.length - 2);
  const a = text[i] ?? '';
  const b = text[i + 1] ?? '';
  if (a === b) return `${text.slice(0, i)}${String((Number(a) + 1) % 10)}${text.slice(i + 1)}`;
  return `${text.slice(0, i)}${b}${a}${text.slice(i + 2)}`;
}

/** A contract number that looks right but belongs to nobody (other year or beyond the issued range). */
export function unknownContract(rng: Rng, issuedCount: number): string {
  return chance(rng, 0.5)
    ? formatContractNumber(randomInt(rng, 1, Math.max(9, issuedCount)), 2025)
    : formatContractNumber(issuedCount + randomInt(rng, 100, 900));
}

/** The address the controller reports for a given issue; undefined when it reports none. */
export function reportedAddress(rng: Rng, truth: Address, issue: AddressIssue): Address | string | undefined {
  switch (issue) {
    case 'none':
      return { ...truth };
    case 'missing':
      return undefined;
    case 'as-string':
      return `${truth.street}, ${truth.postalCode} ${truth.city}`;
    case 'abbreviated':
      return { ...truth, street: abbreviateStreet(truth.street) };
    case 'wrong-number': {
      const [name, number] = splitHouseNumber(truth.street);
      return { ...truth, street: `${name} ${Number(number) + randomInt(rng, 1, 20)}` };
    }
  }
}

function splitHouseNumber(street: string): [string, string] {
  const at = street.lastIndexOf(' ');
  return [street.slice(0, at), street.slice(at + 1)];
}
