import { createHash } from 'node:crypto';

/**
 * What the inventory keeps of a keyed callback's raw body to tell a repeat (same body) from a key
 * used again for another call: the first 22 base64url characters (132 bits) of its SHA-256. Ample
 * to tell two bodies apart, at half the memory of the whole digest for each of the up to 100,000
 * keys the inventory remembers.
 */
export function bodyDigestOf(rawBody: string): string {
  return createHash('sha256').update(rawBody).digest('base64url').slice(0, 22);
}
