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

const NEWER = 'A newer call arrived from SG1-0500; look at the card again.';

describe('inbox card: a decision taken on a card a newer call changed', () => {
  it('names the card it was decided on, and when refused shows the card as it is now with the refusal', async () => {
    const fake = await openInbox([inboxItem()]);
    // Meanwhile the controller called again, naming another contract: the core's inbox moved on.
    fake.state.inventory.inbox = [
      inboxItem({ calls: 4, lastCallSeq: 57, requestedContractNumber: 'C-2099' }),
    ];
    fake.failNext('inbox.link', { code: 'conflict', message: NEWER });
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Link to C-2020' }));
    expect((await card('SG1-0500').findByRole('alert')).textContent).toContain(NEWER);
    await waitFor(() => expect(card('SG1-0500').getByText('C-2099')).toBeTruthy());
    expect(card('SG1-0500').getByRole('alert').textContent).toContain(NEWER);
    expect(callsOf(fake, 'inbox.link')).toEqual([
      { serial: 'SG1-0500', lastCallSeq: 41, contractNumber: 'C-2020', reason: 'suggested match: typo' },
    ]);
    // Decided again, on the card as it is now.
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject…' }));
    fireEvent.change(card('SG1-0500').getByLabelText('Reason for rejecting'), { target: { value: 'typo' } });
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.reject')).toEqual([
        { serial: 'SG1-0500', lastCallSeq: 57, reason: 'typo' },
      ]),
    );
  });
});
