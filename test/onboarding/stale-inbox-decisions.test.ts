import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'integration-token-for-tests-0778';
const CSV = [
  'Contract number;Customer name;Street;Postal code;City',
  'C-2024-0103;Els Wouters;Nieuwstraat 7;1000;Brussel',
  'C-2024-0104;Frank Jacobs;Kerkstraat 4;9000;Gent',
  'C-2024-0106;Greet Peeters;Rue de la Loi 16;1000;Bruxelles',
].join('\n');
const GENT = { street: 'Kerkstraat 4', postalCode: '9000', city: 'Gent' };
const LOI = { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles' };

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

const call = <T>(method: string, request?: unknown): Promise<T> => callCore<T>(core!, method, request);
const inbox = () => call<InboxItem[]>('inbox.list');
const view = (serial: string) => call<InstallationView>('installation.get', { serial });

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${core!.info().listenerUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
}

async function started(dataDir?: string): Promise<void> {
  core = makeCore(dataDir, TOKEN);
  await core.start();
  await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
  await call('settings.update', { operatorName: 'Dana' });
}

/** A controller that waits in the inbox: it typed a contract nobody has. */
async function waitingCard(serial: string): Promise<InboxItem> {
  await post('/v1/onboarding', { serialNumber: serial, contractNumber: 'C-9999', address: GENT });
  const card = (await inbox()).find((i) => i.serial === serial);
  expect(card).toBeDefined();
  return card!;
}

const linksOf = async (serial: string) =>
  (await view(serial)).links.map((l) => [l.contractNumber, l.ended?.reason ?? null]);
const typesOf = async (serial: string) => (await view(serial)).timeline.map((t) => t.type);

describe('the same inbox decision taken twice', () => {
  it('a second accept of the same contract (double click, second window) succeeds without a second link', async () => {
    await started();
    await waitingCard('SN-D1');
    await call('inbox.link', { serial: 'SN-D1', contractNumber: 'C-2024-0104' });
    // The other window still shows the card and sends the same decision.
    const again = await core!.call('inbox.link', { serial: 'SN-D1', contractNumber: 'C-2024-0104' });
    expect(again).toEqual({ ok: true, value: [] });
    // One link, never "replaced by a link to" itself, and nothing journaled the second time.
    expect(await linksOf('SN-D1')).toEqual([['C-2024-0104', null]]);
    expect((await typesOf('SN-D1')).filter((t) => t.startsWith('link.'))).toEqual(['link.created']);
  });

  it('keeping the link of a linked controller that names another contract turns that call down', async () => {
    await started();
    await post('/v1/onboarding', { serialNumber: 'SN-K1', contractNumber: 'C-2024-0106', address: LOI });
    await post('/v1/onboarding', { serialNumber: 'SN-K1', contractNumber: 'C-2024-0103', address: LOI });
    expect((await inbox()).map((i) => i.serial)).toEqual(['SN-K1']);
    // The operator links it to the contract it is linked to already: the link stays as it is.
    expect(await call('inbox.link', { serial: 'SN-K1', contractNumber: 'C-2024-0106' })).toEqual([]);
    expect(await linksOf('SN-K1')).toEqual([['C-2024-0106', null]]);
    expect(await typesOf('SN-K1')).toContain('inbox.rejected');
  });
});

describe('a link decision taken on a card that changed meanwhile', () => {
  it('is refused when another operator linked the controller to another contract meanwhile', async () => {
    await started();
    await waitingCard('SN-D2');
    // Operator A links it from their window.
    await call('inbox.link', { serial: 'SN-D2', contractNumber: 'C-2024-0104' });
    // Operator B's window still shows the pending card and links it to another contract.
    const stale = await core!.call('inbox.link', {
      serial: 'SN-D2',
      contractNumber: 'C-2024-0103',
      reason: 'suggested match: address',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The refusal names the link in force, and who made it.
    expect(!stale.ok && stale.error.message).toMatch(/SN-D2 was linked to C-2024-0104 by Dana at /);
    expect(await linksOf('SN-D2')).toEqual([['C-2024-0104', null]]);
  });

  it('is refused, in words, when the controller was offboarded meanwhile', async () => {
    await started();
    await waitingCard('SN-D4');
    await post('/v1/offboarding', { serialNumber: 'SN-D4', reason: 'external signal removed' });
    expect((await inbox()).map((i) => i.serial)).not.toContain('SN-D4');
    // A window that still shows the card accepts it.
    const stale = await core!.call('inbox.link', { serial: 'SN-D4', contractNumber: 'C-2024-0104' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!stale.ok && stale.error.message).toMatch(
      /^SN-D4 was offboarded at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(external signal removed\); it comes back to the inbox if it onboards again\.$/,
    );
    expect((await view('SN-D4')).links).toEqual([]);
  });

  it('cannot leave an offboarded controller holding the contract its replacement names', async () => {
    await started();
    await waitingCard('SN-D6');
    await post('/v1/offboarding', { serialNumber: 'SN-D6', reason: 'controller replaced' });
    await core!.call('inbox.link', { serial: 'SN-D6', contractNumber: 'C-2024-0104' });
    // The replacement controller calls with the same contract at the same address: it links itself.
    await post('/v1/onboarding', { serialNumber: 'SN-D7', contractNumber: 'C-2024-0104', address: GENT });
    expect((await view('SN-D7')).installation.onboarding).toMatchObject({
      state: 'linked',
      contractNumber: 'C-2024-0104',
    });
  });
});

describe('a reject decision taken on a card that changed meanwhile', () => {
  it('is refused when another operator linked the controller meanwhile: it is never told "rejected" while it stays linked', async () => {
    await started();
    await waitingCard('SN-D3');
    await call('inbox.link', { serial: 'SN-D3', contractNumber: 'C-2024-0104' });
    const stale = await core!.call('inbox.reject', { serial: 'SN-D3', reason: 'test device' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!stale.ok && stale.error.message).toMatch(
      /SN-D3 was linked to C-2024-0104 by Dana at .*would not unlink it/,
    );
    expect(await typesOf('SN-D3')).not.toContain('inbox.rejected');
    expect((await view('SN-D3')).installation.onboarding).toMatchObject({ state: 'linked' });
  });

  it('is refused when it was rejected or offboarded meanwhile, and still turns down what waits', async () => {
    await started();
    await waitingCard('SN-R1');
    await call('inbox.reject', { serial: 'SN-R1', reason: 'test device' });
    const twice = await core!.call('inbox.reject', { serial: 'SN-R1', reason: 'test device' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!twice.ok && twice.error.message).toMatch(/SN-R1 was rejected by Dana at .* \(test device\)/);
    expect((await typesOf('SN-R1')).filter((t) => t === 'inbox.rejected')).toHaveLength(1);

    await waitingCard('SN-R2');
    await post('/v1/offboarding', { serialNumber: 'SN-R2', reason: 'removed' });
    const gone = await core!.call('inbox.reject', { serial: 'SN-R2', reason: 'test device' });
    expect(!gone.ok && gone.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/offboarded/),
    });

    // What still waits is turned down as before: calls from a serial that never onboarded.
    await post('/v1/health', { serialNumber: 'SN-R3', status: 'ok' });
    expect(await call('inbox.reject', { serial: 'SN-R3', reason: 'not ours' })).toEqual([]);
  });
});

describe('a decision taken on a card older than the last call', () => {
  // Another home's address than the contract's: it waits for the operator rather than links itself.
  const CORRECTED = { serialNumber: 'SN-D5', contractNumber: 'C-2024-0106', address: GENT };

  it('is refused, so a newer call naming another contract stays in front of the operator', async () => {
    await started();
    const card = await waitingCard('SN-D5'); // the card shows the typed contract C-9999
    expect(card.lastCallSeq).toEqual(expect.any(Number));
    // Meanwhile the controller calls again: the customer corrected the contract number.
    await post('/v1/onboarding', CORRECTED);
    // The operator, looking at the older card, links the contract they found for it.
    const decided = await core!.call('inbox.link', {
      serial: 'SN-D5',
      contractNumber: 'C-2024-0104',
      lastCallSeq: card.lastCallSeq,
    });
    expect(decided).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A newer call arrived from SN-D5; look at the card again.' },
    });
    const rejected = await core!.call('inbox.reject', {
      serial: 'SN-D5',
      reason: 'typo',
      lastCallSeq: card.lastCallSeq,
    });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The same call again (controllers repeat onboarding at every restart) still shows it.
    await post('/v1/onboarding', CORRECTED);
    const now = (await inbox()).find((i) => i.serial === 'SN-D5');
    expect(now).toMatchObject({ requestedContractNumber: 'C-2024-0106' });
    expect(now?.lastCallSeq).toBeGreaterThan(card.lastCallSeq!);
    // Decided on the card as it is now, the link is made.
    await call('inbox.link', {
      serial: 'SN-D5',
      contractNumber: 'C-2024-0106',
      lastCallSeq: now?.lastCallSeq,
    });
    expect((await view('SN-D5')).installation.onboarding).toMatchObject({ contractNumber: 'C-2024-0106' });
  });

  it('is not refused for a repeat of the call the card shows, nor for health calls', async () => {
    await started();
    const body = { serialNumber: 'SN-D8', contractNumber: 'C-9999', address: GENT, eventId: 'evt-1' };
    await post('/v1/onboarding', body);
    const [card] = await inbox();
    await post('/v1/onboarding', body); // a retry of the same event
    await post('/v1/health', { serialNumber: 'SN-D8', status: 'ok' });
    expect((await inbox())[0]?.lastCallSeq).toBe(card?.lastCallSeq);
    const linked = await core!.call('inbox.link', {
      serial: 'SN-D8',
      contractNumber: 'C-2024-0104',
      lastCallSeq: card?.lastCallSeq,
    });
    expect(linked).toEqual({ ok: true, value: [] });
  });

  it("refuses to reject a never-onboarded serial's card once it has onboarded", async () => {
    await started();
    await post('/v1/health', { serialNumber: 'SN-G1', status: 'ok' });
    const [card] = await inbox();
    expect(card).toMatchObject({ kind: 'unknown-serial', lastCallSeq: null });
    await post('/v1/onboarding', { serialNumber: 'SN-G1', contractNumber: 'C-9999', address: GENT });
    const stale = await core!.call('inbox.reject', {
      serial: 'SN-G1',
      reason: 'not ours',
      lastCallSeq: null,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await view('SN-G1')).installation.onboarding.state).toBe('pending');
  });
});

describe('notes taken on a card before the controller onboarded', () => {
  it('stay on its card once it onboards, after a restart, and after a restore of a backup', async () => {
    const dir = tempDir();
    try {
      await started(dir.path);
      await post('/v1/health', { serialNumber: 'SG1-GHOST', status: 'ok' });
      await call('inbox.addNote', { serial: 'SG1-GHOST', text: 'asked Eniris who it is' });
      expect((await inbox())[0]?.notes).toMatchObject([{ text: 'asked Eniris who it is' }]);
      // Now it onboards, with a contract nobody has: it waits, and the operator decides on its card.
      await post('/v1/onboarding', { serialNumber: 'SG1-GHOST', contractNumber: 'C-9999', address: GENT });
      await call('inbox.addNote', { serial: 'SG1-GHOST', text: 'Eniris: a new customer' });
      const notes = [
        { by: 'Dana', text: 'asked Eniris who it is' },
        { by: 'Dana', text: 'Eniris: a new customer' },
      ];
      const [card] = await inbox();
      expect(card).toMatchObject({ serial: 'SG1-GHOST', kind: 'onboarding', notes });
      const { path } = await call<{ path: string }>('data.backup');

      // Recovery from the snapshot and the journal shows the same card.
      await core!.stop();
      await started(dir.path);
      expect((await inbox())[0]?.notes).toEqual(card?.notes);

      // So does a restore of the backup, over a note taken since.
      await call('inbox.addNote', { serial: 'SG1-GHOST', text: 'after the backup' });
      await call('data.restore', { path });
      expect((await inbox())[0]?.notes).toEqual(card?.notes);
    } finally {
      await core?.stop();
      core = undefined;
      dir.remove();
    }
  });
});
