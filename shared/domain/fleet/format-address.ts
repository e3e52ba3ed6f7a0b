import type { Address } from '../inventory/installation';

/** One line for tables and CSV: "Kerkstraat 1, 9000 Gent, BE". */
export function formatAddress(address: Address | null): string {
  if (address === null) return '';
  if (typeof address === 'string') return address;
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.street, place, address.country].filter(Boolean).join(', ');
}
