import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { inboxItem } from './fixtures';
import { renderApp } from './render-app';

const callsOf = (fake: ReturnType<typeof createFakeApi>, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);

async function openInbox(
  items = [
    inboxItem(),
    inboxItem({
      serial: 'SG1-0600',
      calls: 1,
      flags: ['unknown-contract', 'serial-linked-elsewhere'],
      suggestions: [],
    }),
  ],
) {
  window.location.hash = '#/inbox';
  const fake = createFakeApi({ inbox: items });
  await renderApp(fake);
  await screen.findByRole('article', { name: 'Controller SG1-0500' });
  return fake;
}
const card = (serial: string) => screen.getByRole('article', { name: `Controller ${serial}` });

describe('onboarding inbox', () => {
  it('shows each waiting controller with its calls, typed contract, address, devices and flags in words', async () => {
    await openInbox();
    const first = card('SG1-0500');
    expect(first.textContent).toContain('3 calls');
    expect(first.textContent).toContain('C-2002');
    expect(first.textContent).toContain('Veldstraat 9, 9000 Gent');
    expect(first.textContent).toContain('solar · 4,000 W');
    const flags = within(first).getByRole('group', { name: 'Flags' });
    expect(within(flags).getByText('Contract linked to another controller (SG1-0777)')).toBeTruthy();
    expect(within(flags).getByText('Address differs')).toBeTruthy();
    const second = within(card('SG1-0600')).getByRole('group', { name: 'Flags' });
    expect(second.textContent).toContain('Unknown contract');
    expect(second.textContent).toContain('Serial already linked to another contract');
    expect(card('SG1-0600').textContent).toContain('1 call ');
  });

  it('says a call count is not final while older journal entries are still being indexed, then updates it', async () => {
    const fake = await openInbox([inboxItem({ calls: 1, callsComplete: false })]);
    expect(card('SG1-0500').textContent).toContain('1 call so far (older calls are still being indexed)');
    // The core sends the inbox again once indexing is done.
    act(() => fake.emit('inbox.changed', [inboxItem({ calls: 3, callsComplete: true })]));
    await waitFor(() => expect(card('SG1-0500').textContent).toContain('3 calls · first'));
    expect(card('SG1-0500').textContent).not.toContain('so far');
  });

  it('lists the suggestions with why and whether the address agrees', async () => {
    await openInbox();
    const table = within(card('SG1-0500')).getByRole('table', { name: 'Suggested contracts' });
    const [exact, typo] = within(table).getAllByRole('row').slice(1);
    expect(exact?.textContent).toContain('Grace Hopper');
    expect(exact?.textContent).toContain('Exact match');
    expect(exact?.textContent).toContain('address differs');
    expect(exact?.textContent).toContain('Linked to SG1-0777 now');
    expect(typo?.textContent).toContain('Close to what was typed');
    expect(typo?.textContent).toContain('address agrees');
  });

  it('links to a suggested contract in one click', async () => {
    const fake = await openInbox();
    fireEvent.click(within(card('SG1-0500')).getByRole('button', { name: 'Link to C-2020' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Controller SG1-0500' })).toBeNull());
    expect(callsOf(fake, 'inbox.link')).toEqual([
      { serial: 'SG1-0500', lastCallSeq: 41, contractNumber: 'C-2020', reason: 'suggested match: typo' },
    ]);
  });

  it('links to a contract the operator types', async () => {
    const fake = await openInbox();
    const mine = within(card('SG1-0600'));
    // Nothing was suggested for this one: there is no "other" contract to speak of.
    fireEvent.change(mine.getByLabelText('Link to a contract'), { target: { value: ' C-7777 ' } });
    fireEvent.click(mine.getByRole('button', { name: 'Link' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.link')).toEqual([
        { serial: 'SG1-0600', lastCallSeq: 41, contractNumber: 'C-7777' },
      ]),
    );
  });

  it('rejects with the reason given', async () => {
    const fake = await openInbox();
    const mine = within(card('SG1-0500'));
    fireEvent.click(mine.getByRole('button', { name: 'Reject…' }));
    fireEvent.change(mine.getByLabelText('Reason for rejecting'), { target: { value: 'test controller' } });
    fireEvent.click(mine.getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.reject')).toEqual([
        { serial: 'SG1-0500', lastCallSeq: 41, reason: 'test controller' },
      ]),
    );
  });

  it('adds a note to a waiting controller, for its timeline', async () => {
    const fake = await openInbox();
    const mine = within(card('SG1-0500'));
    fireEvent.click(mine.getByRole('button', { name: 'Add note…' }));
    fireEvent.change(mine.getByLabelText('Note'), { target: { value: 'called the customer' } });
    fireEvent.click(mine.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.addNote')).toEqual([{ serial: 'SG1-0500', text: 'called the customer' }]),
    );
    expect((await within(card('SG1-0500')).findByRole('list', { name: 'Notes' })).textContent).toContain(
      'Ada: called the customer',
    );
  });

  it('shows the error of a refused link beside the button clicked, and keeps the item', async () => {
    const fake = await openInbox();
    fake.failNext('inbox.link', { code: 'conflict', message: 'C-2020 was linked meanwhile' });
    fireEvent.click(within(card('SG1-0500')).getByRole('button', { name: 'Link to C-2020' }));
    const alert = await within(card('SG1-0500')).findByRole('alert');
    expect(alert.textContent).toContain('C-2020 was linked meanwhile');
    // In the suggestion's row, not under the "Link to another contract" field.
    expect(alert.closest('tr')?.textContent).toContain('Alan Turing');
    expect(within(card('SG1-0500')).getAllByRole('alert')).toHaveLength(1);
  });

  it('keeps the raw last body behind a disclosure', async () => {
    await openInbox();
    const mine = within(card('SG1-0500'));
    expect(mine.getByText('Raw request body (last call)').closest('details')?.textContent).toContain(
      '"firmware": "x"',
    );
  });

  it('follows inbox.changed, and says when nothing waits', async () => {
    const fake = await openInbox();
    act(() => fake.emit('inbox.changed', [inboxItem({ serial: 'SG1-0900' })]));
    await screen.findByRole('article', { name: 'Controller SG1-0900' });
    expect(screen.queryByRole('article', { name: 'Controller SG1-0500' })).toBeNull();
    act(() => fake.emit('inbox.changed', []));
    expect(await screen.findByText('Nothing waits for you')).toBeTruthy();
  });
});

describe('linking the clear matches together', () => {
  const clearItem = (serial: string, contractNumber: string) =>
    inboxItem({
      serial,
      flags: [],
      clearMatch: true,
      suggestions: [
        { contractNumber, customerName: 'Ada Lovelace', kind: 'exact', address: 'agrees', linkedTo: null },
      ],
    });

  it('offers them in one step, asks first, and sends exactly the links the cards show', async () => {
    const fake = await openInbox([
      inboxItem(),
      clearItem('SG1-0701', 'C-0701'),
      clearItem('SG1-0702', 'C-0702'),
    ]);
    const bar = screen.getByRole('region', { name: 'Clear matches' });
    expect(bar.textContent).toContain('2 controllers name a contract exactly, at the same address');
    fireEvent.click(within(bar).getByRole('button', { name: 'Link these 2…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Link 2 controllers to the contracts they name?',
    });
    expect(callsOf(fake, 'inbox.linkClearMatches')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link 2' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Controller SG1-0701' })).toBeNull());
    expect(callsOf(fake, 'inbox.linkClearMatches')).toEqual([
      {
        links: [
          { serial: 'SG1-0701', contractNumber: 'C-0701' },
          { serial: 'SG1-0702', contractNumber: 'C-0702' },
        ],
      },
    ]);
    expect(screen.getByRole('status', { name: 'Clear matches linked' }).textContent).toContain(
      'Linked 2 controllers to the contracts they named.',
    );
    // The card that needs a look stays, and nothing is offered any more.
    expect(card('SG1-0500')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Clear matches' })).toBeNull();
  });

  it('says on a card which other waiting controller names its contract', async () => {
    await openInbox([inboxItem({ flags: ['contract-named-elsewhere'], alsoNamedBy: ['SG1-0901'] })]);
    const flags = within(card('SG1-0500')).getByRole('group', { name: 'Flags' });
    expect(flags.textContent).toContain('Another waiting controller names this contract (SG1-0901)');
  });

  it('says which were not linked and why, and offers nothing when no card is a clear match', async () => {
    const fake = await openInbox([inboxItem(), clearItem('SG1-0701', 'C-0701')]);
    // Meanwhile the card changed: the core no longer counts it as a clear match.
    fake.state.inventory.inbox = fake.state.inventory.inbox.map((i) => ({ ...i, clearMatch: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Link it…' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Link 1' }));
    const note = await screen.findByRole('status', { name: 'Clear matches linked' });
    expect(note.textContent).toContain('Linked 0 controllers');
    expect(note.textContent).toContain('SG1-0701: it is linked now');
    expect(screen.queryByRole('button', { name: /^Link (it|these)/ })).toBeNull();
  });
});
