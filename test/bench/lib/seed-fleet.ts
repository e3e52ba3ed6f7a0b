/**
 * Builds a realistic fleet in a started core quickly: contracts imported as the operator would,
 * then onboarding, link and health entries committed straight to the inventory in batches (the
 * same durable journal path a callback takes, without 10,000 HTTP round trips).
 */
import type { Core } from '../../../electron/core/create-core';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import { healthDraft, linkDraft, onboardingDraft, serialOf } from '../../inventory/fixtures/drafts';

const CITIES = [
  ['9000', 'Gent'],
  ['2000', 'Antwerpen'],
  ['1000', 'Brussel'],
  ['3000', 'Leuven'],
  ['8000', 'Brugge'],
] as const;

export const contractOf = (i: number): string => `C-${String(i).padStart(6, '0')}`;

function addressOf(i: number) {
  const [postalCode, city] = CITIES[i % CITIES.length] ?? CITIES[0];
  return { street: `Kerkstraat ${(i % 997) + 1}`, postalCode, city, country: 'BE' };
}

export type SeededFleet = {
  installations: number;
  linked: number;
  pending: number;
  unhealthy: number;
  ms: number;
};

/**
 * `count` installations `serialOf(0..count-1)`, every one onboarded with its contract number and
 * address; all but one in `pendingEvery` linked to that contract (the rest wait in the inbox, as
 * after a roll-out), one in ten reporting a warning or an error. Returns once durable.
 */
export async function seedFleet(
  core: Core,
  count: number,
  options: { pendingEvery?: number; batch?: number } = {},
): Promise<SeededFleet> {
  const { pendingEvery = 50, batch = 1000 } = options;
  const started = performance.now();
  const csv = ['Contract number;Customer name;Street;Postal code;City'];
  for (let i = 0; i < count; i += 1) {
    const a = addressOf(i);
    csv.push(`${contractOf(i)};Customer ${i};${a.street};${a.postalCode};${a.city}`);
  }
  const imported = await core.call('contracts.import', {
    csv: csv.join('\n'),
    fileName: 'bench-contracts.csv',
  });
  if (!imported.ok) throw new Error(`contracts.import failed: ${imported.error.message}`);

  const { inventory } = core.services();
  const at = Date.now() - 3_600_000;
  const drafts: JournalDraft[] = [];
  let linked = 0;
  let unhealthy = 0;
  for (let i = 0; i < count; i += 1) {
    const serial = serialOf(i);
    drafts.push(onboardingDraft(serial, at + i, { contractNumber: contractOf(i), address: addressOf(i) }));
    if (i % pendingEvery !== 0) {
      drafts.push(linkDraft(serial, contractOf(i), at + i));
      linked += 1;
    }
    const status = i % 10 === 3 ? 'warning' : i % 10 === 7 ? 'error' : 'ok';
    if (status !== 'ok') unhealthy += 1;
    drafts.push(healthDraft(serial, at + count + i, status));
  }
  for (let i = 0; i < drafts.length; i += batch) await inventory.commit(drafts.slice(i, i + batch));
  return {
    installations: count,
    linked,
    pending: count - linked,
    unhealthy,
    ms: Math.round(performance.now() - started),
  };
}
