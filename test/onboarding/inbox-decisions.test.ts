import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';

const TOKEN = 'integration-token-for-tests-0002';
const CSV = [
  'Contract number;Customer name;Street;Postal code;City',
  'C-2024-0103;Els Wouters;Nieuwstraat 7;1000;Brussel',
  'C-2024-0104;Frank Jacobs;Kerkstraat 4;9000;Gent',
  'C-2024-0106;Greet Peeters;Rue de la Loi 16;1000;Bruxelles',
  'C-2024-0107;Hilde Maes;Meir 7;2000;Antwerpen',
].join('\n');
const GENT = { street: 'Kerkstraat 4', postalCode: '9000', city: 'Gent' };
const LOI = { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles' };
const MEIR = { street: 'Meir 7', postalCode: '2000', city: 'Antwerpen' };

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

const call = <T>(method: string, request?: unknown): Promise<T> => callCore<T>(core!, method, request);
const inbox = () => call<InboxItem[]>('inbox.list');
const view = (serial: string) => call<InstallationView>('installation.get', { serial });
const row = async (serial: string) =>
  (await call<{ rows: FleetRow[] }>('fleet.list')).rows.find((r) => r.serial === serial);

async function onboard(serialNumber: string, contractNumber: string, address: unknown): Promise<void> {
  const res = await fetch(`${core!.info().listenerUrl}/v1/onboarding`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ serialNumber, contractNumber, address }),
  });
  expect(res.status).toBe(202);
}

async function started(): Promise<void> {
  core = makeCore(undefined, TOKEN);
  await core.start();
  await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
  await call('settings.update', { operatorName: 'Dana' });
}

describe('moving a contract to a replacement controller', () => {
  it('moves the link from the old controller in one step, keeping the old link in history', async () => {
    await started();
    await onboard('SN-A1', 'C-2024-0104', GENT);
    await onboard('SN-E1', 'C-2024-0104', GENT);
    expect((await inbox())[0]?.suggestions[0]).toMatchObject({
      contractNumber: 'C-2024-0104',
      linkedTo: 'SN-A1',
    });

    const moved = await call<InboxItem[]>('inbox.link', {
      serial: 'SN-E1',
      contractNumber: 'C-2024-0104',
      moveFrom: 'SN-A1',
    });
    expect(moved.map((i) => i.serial)).not.toContain('SN-E1');
    expect(await row('SN-E1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0104' });
    expect(await row('SN-A1')).toMatchObject({ contractNumber: null });

    const [newLink] = (await view('SN-E1')).links;
    const [oldLink] = (await view('SN-A1')).links;
    expect(newLink).toMatchObject({ contractNumber: 'C-2024-0104', by: 'Dana' });
    expect(oldLink?.ended).toMatchObject({ by: 'Dana', at: newLink?.linkedAt });
    expect(oldLink?.ended?.reason).toMatch(/moved to SN-E1/);
    // One decision, one journal commit: the ending and the new link are neighbours in the journal.
    const ended = (await view('SN-A1')).timeline.find((t) => t.type === 'link.ended');
    const created = (await view('SN-E1')).timeline.find((t) => t.type === 'link.created');
    expect(created!.seq).toBe(ended!.seq + 1);
  });

  it('refuses to move a link the request does not say it moves, or one that moved meanwhile', async () => {
    await started();
    await onboard('SN-A1', 'C-2024-0104', GENT);
    await onboard('SN-E1', 'C-2024-0104', GENT);
    const plain = await core!.call('inbox.link', { serial: 'SN-E1', contractNumber: 'C-2024-0104' });
    expect(plain).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!plain.ok && plain.error.message).toMatch(/linked to SN-A1/);
    const stale = await core!.call('inbox.link', {
      serial: 'SN-E1',
      contractNumber: 'C-2024-0104',
      moveFrom: 'SN-Z9',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await row('SN-A1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0104' });
    expect((await view('SN-A1')).links[0]?.ended).toBeUndefined();
  });
});

describe('a linked controller that names another contract', () => {
  it('waits in the inbox, flagged with both contracts, and its link stays until the operator decides', async () => {
    await started();
    await onboard('SN-H1', 'C-2024-0106', LOI);
    expect(await row('SN-H1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0106' });
    await onboard('SN-H1', 'C-2024-0103', 'Nieuwstraat 7');

    const [item] = await inbox();
    expect(item).toMatchObject({
      serial: 'SN-H1',
      requestedContractNumber: 'C-2024-0103',
      linkedContract: { contractNumber: 'C-2024-0106', customerName: 'Greet Peeters' },
    });
    expect(item?.flags).toContain('serial-linked-elsewhere');
    expect(item?.suggestions[0]).toMatchObject({ contractNumber: 'C-2024-0103', kind: 'exact' });
    expect(await row('SN-H1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0106' });

    // The operator links it to the contract it names now: the old link ends, kept in history.
    expect(await call('inbox.link', { serial: 'SN-H1', contractNumber: 'C-2024-0103' })).toEqual([]);
    expect((await view('SN-H1')).links.map((l) => [l.contractNumber, l.ended !== undefined])).toEqual([
      ['C-2024-0106', true],
      ['C-2024-0103', false],
    ]);
  });

  it('keeps the link when the operator turns the call down, and the same call again stays quiet', async () => {
    await started();
    await onboard('SN-H1', 'C-2024-0106', LOI);
    await onboard('SN-H1', 'C-2024-0103', 'Nieuwstraat 7');
    expect((await inbox()).map((i) => i.serial)).toEqual(['SN-H1']);
    expect(await call('inbox.reject', { serial: 'SN-H1', reason: 'wrong contract typed' })).toEqual([]);
    expect(await row('SN-H1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0106' });
    await onboard('SN-H1', 'C-2024-0103', 'Nieuwstraat 7');
    expect(await inbox()).toEqual([]);
  });

  it('stays quiet when it onboards again with its own contract and address', async () => {
    await started();
    await onboard('SN-H1', 'C-2024-0106', LOI);
    await onboard('SN-H1', 'C-2024-0106', LOI);
    expect(await inbox()).toEqual([]);
    expect(await row('SN-H1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0106' });
  });
});

describe('a controller the operator rejected', () => {
  it('never links itself again: its next call waits in the inbox, saying when, by whom and why', async () => {
    await started();
    await onboard('XSS1', 'C-9999', MEIR);
    await call('inbox.reject', { serial: 'XSS1', reason: 'Test device, not a customer' });
    await onboard('XSS1', 'C-2024-0107', MEIR);

    expect(await row('XSS1')).toMatchObject({ contractNumber: null });
    expect((await view('XSS1')).links).toEqual([]);
    const [item] = await inbox();
    expect(item).toMatchObject({
      serial: 'XSS1',
      flags: ['rejected-before'],
      rejected: { by: 'Dana', reason: 'Test device, not a customer', at: expect.any(Number) },
    });
    // The operator may still link it on purpose.
    expect(await call('inbox.link', { serial: 'XSS1', contractNumber: 'C-2024-0107' })).toEqual([]);
    expect(await row('XSS1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0107' });
  });
});

describe('notes in the inbox', () => {
  it('takes a note on a controller that never onboarded, and shows it on its card', async () => {
    await started();
    const res = await fetch(`${core!.info().listenerUrl}/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ serialNumber: 'SG1-GHOST', status: 'ok' }),
    });
    expect(res.status).toBe(202);
    const items = await call<InboxItem[]>('inbox.addNote', {
      serial: 'SG1-GHOST',
      text: 'asked Eniris who it is',
    });
    expect(items).toMatchObject([
      {
        serial: 'SG1-GHOST',
        kind: 'unknown-serial',
        notes: [{ by: 'Dana', text: 'asked Eniris who it is' }],
      },
    ]);
  });
});

describe('linking the clear matches together', () => {
  type Outcome = { linked: string[]; skipped: Array<{ serial: string; why: string }>; items: InboxItem[] };

  /** Calls that came in before the contracts were imported: every one waits, as unknown. */
  async function callsBeforeImport(): Promise<void> {
    core = makeCore(undefined, TOKEN);
    await core.start();
    await call('settings.update', { operatorName: 'Dana' });
    await onboard('SN-C1', 'C-2024-0104', GENT);
    await onboard('SN-C2', 'C-2024-0106', LOI);
    await onboard('SN-C3', 'C-2024-0107', GENT); // Meir 7 in the contract: the address differs
    await onboard('SN-C4', 'C-2024-0103', 'Nieuwstraat 7, 1000 Brussel');
    await onboard('SN-C5', 'C-2024-0103', 'Nieuwstraat 7, 1000 Brussel'); // two name one contract
    expect((await inbox()).every((i) => !i.clearMatch)).toBe(true);
    await call('contracts.import', { csv: CSV, fileName: 'contracts.csv' });
  }

  const clear = async () =>
    (await inbox())
      .filter((i) => i.clearMatch)
      .map((i) => i.serial)
      .sort();

  it('marks only unique exact matches at the same address, once the contracts are there', async () => {
    await callsBeforeImport();
    expect(await clear()).toEqual(['SN-C1', 'SN-C2']);
  });

  it('links them in one commit, under the operator, and leaves the rest waiting with the reason', async () => {
    await callsBeforeImport();
    const outcome = await call<Outcome>('inbox.linkClearMatches', {
      links: [
        { serial: 'SN-C1', contractNumber: 'C-2024-0104' },
        { serial: 'SN-C2', contractNumber: 'C-2024-0106' },
        // A card the screen showed as clear, but that is not (or no longer) one.
        { serial: 'SN-C3', contractNumber: 'C-2024-0107' },
      ],
    });
    expect(outcome.linked).toEqual(['SN-C1', 'SN-C2']);
    expect(outcome.skipped).toEqual([
      {
        serial: 'SN-C3',
        contractNumber: 'C-2024-0107',
        why: expect.stringMatching(/no longer its clear match/),
      },
    ]);
    expect(outcome.items.map((i) => i.serial).sort()).toEqual(['SN-C3', 'SN-C4', 'SN-C5']);
    expect(await row('SN-C1')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0104' });
    const [link] = (await view('SN-C2')).links;
    expect(link).toMatchObject({ contractNumber: 'C-2024-0106', by: 'Dana' });
    expect(link?.reason).toMatch(/clear match/);
    const c1 = (await view('SN-C1')).timeline.find((t) => t.type === 'link.created');
    const c2 = (await view('SN-C2')).timeline.find((t) => t.type === 'link.created');
    expect(c2!.seq).toBe(c1!.seq + 1);
  });

  it('does not link a contract that a controller which called since names as clearly', async () => {
    await callsBeforeImport();
    expect(await clear()).toEqual(['SN-C1', 'SN-C2']);
    // The operator's screen still shows SN-C1 as clear; meanwhile SN-C6 names the same contract
    // (it waits too, as clear as SN-C1: automatic linking does not pick one of two).
    await onboard('SN-C6', 'C-2024-0104', GENT);
    const outcome = await call<Outcome>('inbox.linkClearMatches', {
      links: [
        { serial: 'SN-C1', contractNumber: 'C-2024-0104' },
        { serial: 'SN-C2', contractNumber: 'C-2024-0106' },
      ],
    });
    expect(outcome.linked).toEqual(['SN-C2']);
    expect(outcome.skipped).toEqual([
      {
        serial: 'SN-C1',
        contractNumber: 'C-2024-0104',
        why: '2 controllers name contract C-2024-0104: decide on their cards',
      },
    ]);
    expect(await clear()).toEqual([]);
  });

  it('links nothing a second time, and never one contract to two controllers', async () => {
    await callsBeforeImport();
    await call<Outcome>('inbox.linkClearMatches', {
      links: [{ serial: 'SN-C1', contractNumber: 'C-2024-0104' }],
    });
    const again = await call<Outcome>('inbox.linkClearMatches', {
      links: [
        { serial: 'SN-C1', contractNumber: 'C-2024-0104' },
        { serial: 'SN-C4', contractNumber: 'C-2024-0103' },
        { serial: 'SN-C5', contractNumber: 'C-2024-0103' },
      ],
    });
    expect(again.linked).toEqual([]);
    expect(again.skipped.map((s) => [s.serial, s.why])).toEqual([
      ['SN-C1', 'it is linked now'],
      ['SN-C4', '2 controllers name contract C-2024-0103: decide on their cards'],
      ['SN-C5', '2 controllers name contract C-2024-0103: decide on their cards'],
    ]);
    expect(await row('SN-C4')).toMatchObject({ onboarding: 'pending', contractNumber: null });
  });
});

describe('automatic linking', () => {
  it('leaves a controller waiting when another waiting one names the same contract as clearly', async () => {
    await started();
    await call('settings.update', { autoLinkExactMatches: false });
    await onboard('SN-W1', 'C-2024-0104', GENT);
    await call('settings.update', { autoLinkExactMatches: true });
    await onboard('SN-W2', 'C-2024-0104', GENT);
    expect(await row('SN-W2')).toMatchObject({ onboarding: 'pending', contractNumber: null });
    const waiting = await inbox();
    expect(waiting.map((i) => i.serial).sort()).toEqual(['SN-W1', 'SN-W2']);
    expect(waiting.every((i) => !i.clearMatch)).toBe(true);
    // Each card says why it did not link itself, naming the other.
    const w2 = waiting.find((i) => i.serial === 'SN-W2');
    expect(w2?.flags).toEqual(['contract-named-elsewhere']);
    expect(w2?.alsoNamedBy).toEqual(['SN-W1']);
    // A contract nobody else names still links itself.
    await onboard('SN-W3', 'C-2024-0106', LOI);
    expect(await row('SN-W3')).toMatchObject({ onboarding: 'linked', contractNumber: 'C-2024-0106' });
  });
});
