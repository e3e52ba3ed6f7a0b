import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import { createFakeApi } from './fake-api';
import { inboxItem } from './fixtures';
import { renderApp } from './render-app';

const callsOf = (fake: ReturnType<typeof createFakeApi>, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);
const card = (serial: string) => within(screen.getByRole('article', { name: `Controller ${serial}` }));

async function openInbox(items: InboxItem[]) {
  window.location.hash = '#/inbox';
  const fake = createFakeApi({ inbox: items });
  await renderApp(fake);
  await screen.findByRole('article', { name: `Controller ${items[0]!.serial}` });
  return fake;
}

const ghost = inboxItem({
  serial: 'SG1-GHOST',
  kind: 'unknown-serial',
  requestedContractNumber: null,
  address: null,
  devices: [],
  flags: [],
  suggestions: [],
});

describe('moving a contract to a replacement controller', () => {
  it('says the button moves the contract from the other controller, asks, then asks the core to move it', async () => {
    const fake = await openInbox([inboxItem()]);
    expect(card('SG1-0500').queryByRole('button', { name: 'Link to C-2002' })).toBeNull();
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Move C-2002 from SG1-0777…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move C-2002 from SG1-0777 to SG1-0500?' });
    expect(dialog.textContent).toContain('ends that link');
    expect(callsOf(fake, 'inbox.link')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move from SG1-0777' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.link')).toEqual([
        {
          serial: 'SG1-0500',
          lastCallSeq: 41,
          contractNumber: 'C-2002',
          reason: 'suggested match: exact',
          moveFrom: 'SG1-0777',
        },
      ]),
    );
  });

  it('shows a refused move in the dialog that asked for it', async () => {
    const fake = await openInbox([inboxItem()]);
    fake.failNext('inbox.link', { code: 'conflict', message: 'C-2002 is now linked to SG1-0888' });
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Move C-2002 from SG1-0777…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move from SG1-0777' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('now linked to SG1-0888');
    // Once, there: not again in the suggestion's row or under another field.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});

describe('cards that need more than a suggestion', () => {
  it('takes a note on a controller that never onboarded, and offers no link it cannot make', async () => {
    const fake = await openInbox([ghost]);
    expect(card('SG1-GHOST').queryByLabelText(/Link to/)).toBeNull();
    expect(
      card('SG1-GHOST').getByText(/can be linked to a contract once it calls the onboarding/),
    ).toBeTruthy();
    fireEvent.click(card('SG1-GHOST').getByRole('button', { name: 'Add note…' }));
    fireEvent.change(card('SG1-GHOST').getByLabelText('Note'), { target: { value: 'asked Eniris' } });
    fireEvent.click(card('SG1-GHOST').getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.addNote')).toEqual([{ serial: 'SG1-GHOST', text: 'asked Eniris' }]),
    );
  });

  it('shows both contracts when a linked controller names another one', async () => {
    await openInbox([
      inboxItem({
        requestedContractNumber: 'C-2024-0103',
        flags: ['serial-linked-elsewhere'],
        suggestions: [
          {
            contractNumber: 'C-2024-0103',
            customerName: 'Els Wouters',
            kind: 'exact',
            address: 'agrees',
            linkedTo: null,
          },
        ],
        linkedContract: {
          contractNumber: 'C-2024-0106',
          customerName: 'Greet Peeters',
          address: 'Rue de la Loi 16, 1000 Bruxelles',
        },
      }),
    ]);
    const mine = card('SG1-0500');
    expect(mine.getByRole('group', { name: 'Flags' }).textContent).toContain(
      'Serial already linked to another contract (C-2024-0106)',
    );
    expect(
      mine.getByText(/Linked now to C-2024-0106 \(Greet Peeters, Rue de la Loi 16/).textContent,
    ).toContain('its calls name C-2024-0103');
    expect(mine.getByRole('button', { name: 'Link to C-2024-0103' })).toBeTruthy();
    expect(mine.getByRole('button', { name: 'Reject this call…' })).toBeTruthy();
  });

  it('says when, by whom and why a controller was rejected before', async () => {
    await openInbox([
      inboxItem({
        flags: ['rejected-before'],
        rejected: {
          at: Date.parse('2026-03-02T10:15:00'),
          by: 'Dana',
          reason: 'Test device, not a customer',
        },
      }),
    ]);
    const mine = card('SG1-0500');
    expect(mine.getByRole('group', { name: 'Flags' }).textContent).toContain('Rejected before by Dana');
    expect(
      mine.getByText(/Rejected on 2026-03-02 10:15 by Dana: “Test device, not a customer”/),
    ).toBeTruthy();
  });
});
