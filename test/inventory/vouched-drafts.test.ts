/**
 * Callback drafts skip the journal schema check in `Inventory.commit` (their builder vouches for
 * them: the listener validated the body). That is only sound if every draft the builder makes
 * passes the schema; and a draft nobody vouched for must still be checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { vouchedDraft, isVouched } from '../../electron/core/inventory/vouched-drafts';
import { callbackDraft } from '../../electron/core/onboarding/callback-draft';
import { rememberReceivedBody } from '../../electron/core/listener/received-body';
import { JournalDraftSchema, type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import type { CallbackRecord } from '../../shared/protocol/listener';
import { tempDir } from '../support/temp-dir';
import { openInventory } from './fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const raw = (body: unknown) => JSON.stringify(body);

function record(
  kind: CallbackRecord['kind'],
  body: Record<string, unknown>,
  text = raw(body),
): CallbackRecord {
  return {
    kind,
    body,
    serial: body['serialNumber'],
    eventId: 'e-1',
    receivedAt: '2026-11-26T10:00:00.000Z',
    tokenId: 'tok-1',
    remoteAddress: '127.0.0.1',
    raw: { headers: { 'content-type': 'application/json', 'user-agent': 'SG/1' }, body: text },
  } as CallbackRecord;
}

const bodies: Array<[CallbackRecord['kind'], Record<string, unknown>]> = [
  [
    'onboarding',
    { serialNumber: 'S1', siteNodeId: 'S1_site_0', colour: 'blue', devices: [{ type: 'solar' }] },
  ],
  ['health', { serialNumber: 'S1', status: 'warning', errors: [], extra: { nested: [1, 'two', null] } }],
  ['offboarding', { serialNumber: 'S1', reason: 'moved' }],
];

describe('vouched callback drafts', () => {
  it.each(bodies)(
    'a %s draft passes the journal schema unchanged, is vouched and cannot be changed',
    (kind, body) => {
      const { draft } = callbackDraft(record(kind, body), 1_790_000_000_000);
      expect(isVouched(draft)).toBe(true);
      expect(JournalDraftSchema.parse(draft)).toEqual(draft);
      expect(Object.isFrozen(draft)).toBe(true);
      // The body is the text as received, unknown fields included.
      expect((draft as Extract<JournalDraft, { body: unknown }>).body).toEqual(body);
    },
  );

  it('takes the body the listener parsed, and parses the raw text when it was not handed over', () => {
    const body = { serialNumber: 'S1', status: 'ok', unknownField: 1 };
    const withParsed = record('health', { serialNumber: 'S1', status: 'ok' }, raw(body));
    rememberReceivedBody(withParsed, body);
    const a = callbackDraft(withParsed, 5).draft as Extract<JournalDraft, { body: unknown }>;
    expect(a.body).toBe(body);
    const b = callbackDraft(record('health', { serialNumber: 'S1', status: 'ok' }, raw(body)), 5)
      .draft as Extract<JournalDraft, { body: unknown }>;
    expect(b.body).toEqual(body);
  });

  it('does not vouch for a draft stamped with a clock reading that is not a whole millisecond', () => {
    const { draft } = callbackDraft(record('health', { serialNumber: 'S1', status: 'ok' }), 5.5);
    expect(isVouched(draft)).toBe(false);
  });

  it('commit still refuses an invalid draft nobody vouched for, and journals a vouched one', async () => {
    const dir = tempDir('fleetdesk-vouched-');
    dirs.push(dir);
    const { inventory } = await openInventory(dir.path);
    const invalid = { type: 'note.added', at: -1, actor: '', serial: 'S1', text: 'x' } as JournalDraft;
    await expect(inventory.commit([invalid])).rejects.toThrow();
    expect(inventory.seq).toBe(0);
    const { draft } = callbackDraft(record('onboarding', bodies[0]![1]), 10);
    const [entry] = await inventory.commit([draft]);
    expect(entry).toMatchObject({ seq: 1, type: 'callback.onboarding', serial: 'S1' });
    expect(inventory.getInstallation('S1')?.onboarding.state).toBe('pending');
    // Vouching is for a builder's own drafts; a draft vouched for is frozen, so it stays as checked.
    expect(() => Object.assign(vouchedDraft({ ...invalid, at: 1, actor: 'a' }), { at: -5 })).toThrow();
    await inventory.close();
  });
});

describe('the idempotency key of a callback draft', () => {
  const withHeader = (r: CallbackRecord, key: string): CallbackRecord => ({
    ...r,
    raw: { ...r.raw, headers: { ...r.raw.headers, 'idempotency-key': key } },
  });
  const keyOf = (r: CallbackRecord) => callbackDraft(r, 5).draft as { eventKey?: string };

  it('is the sender eventId or Idempotency-Key, scoped by endpoint and serial', () => {
    const byBody = record('health', { serialNumber: 'S1', status: 'ok', eventId: 'e-1' });
    expect(keyOf(byBody).eventKey).toBe('health:S1:e-1');
    const byHeader = withHeader(record('health', { serialNumber: 'S1', status: 'ok' }), 'e-1');
    expect(keyOf(byHeader).eventKey).toBe('health:S1:e-1');
  });

  it('is absent when the listener generated the eventId, so the inventory does not remember it', () => {
    // `record` carries eventId "e-1" as the listener would have generated it: the body has none.
    const unkeyed = record('health', { serialNumber: 'S1', status: 'ok' });
    expect(keyOf(unkeyed)).not.toHaveProperty('eventKey');
    expect(JournalDraftSchema.safeParse(keyOf(unkeyed)).success).toBe(true);
  });
});
