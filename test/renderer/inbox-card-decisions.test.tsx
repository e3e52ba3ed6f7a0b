import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/contract';
import { TEXT_LIMITS } from '../../shared/contract/inventory-methods';
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

describe('inbox card: one decision at a time', () => {
  it('does not send a reject while the link the operator just clicked is still on its way', async () => {
    const fake = await openInbox([inboxItem()]);
    const release = fake.hold();
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Link to C-2020' }));
    await waitFor(() => expect(callsOf(fake, 'inbox.link')).toHaveLength(1));
    // The link is in flight; the operator (or a second click landing on the next control) rejects.
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject…' }));
    fireEvent.change(card('SG1-0500').getByLabelText('Reason for rejecting'), {
      target: { value: 'test device' },
    });
    const reject = card('SG1-0500').getByRole('button', { name: 'Reject' });
    expect((reject as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(reject);
    fireEvent.submit(reject.closest('form')!);
    // The other suggestions wait too.
    expect(
      (card('SG1-0500').getByRole('button', { name: 'Move C-2002 from SG1-0777…' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    release();
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(callsOf(fake, 'inbox.reject')).toEqual([]);
  });

  it('does not send a second link from "Link to another contract" while a suggested link is on its way', async () => {
    const fake = await openInbox([inboxItem()]);
    const release = fake.hold();
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Link to C-2020' }));
    await waitFor(() => expect(callsOf(fake, 'inbox.link')).toHaveLength(1));
    fireEvent.change(card('SG1-0500').getByLabelText('Link to another contract'), {
      target: { value: 'C-3000' },
    });
    const link = card('SG1-0500').getByRole('button', { name: 'Link' });
    expect((link as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(link);
    fireEvent.submit(link.closest('form')!);
    release();
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(callsOf(fake, 'inbox.link')).toHaveLength(1);
  });

  it('does not send a link while a reject is on its way, and lets decisions through again once it is refused', async () => {
    const fake = await openInbox([inboxItem()]);
    fake.failNext('inbox.reject', { code: 'not-found', message: 'SG1-0500 is gone' });
    const release = fake.hold();
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject…' }));
    fireEvent.change(card('SG1-0500').getByLabelText('Reason for rejecting'), { target: { value: 'test' } });
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(callsOf(fake, 'inbox.reject')).toHaveLength(1));
    const link = card('SG1-0500').getByRole('button', { name: 'Link to C-2020' }) as HTMLButtonElement;
    expect(link.disabled).toBe(true);
    release();
    await waitFor(() => expect(link.disabled).toBe(false));
    expect(callsOf(fake, 'inbox.link')).toEqual([]);
  });
});

describe('inbox card: notes and reasons as long as the core keeps them', () => {
  it('takes a note of up to 2,000 characters, as the core and the installation page do, and says so near the limit', async () => {
    const fake = await openInbox([inboxItem()]);
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Add note…' }));
    const input = card('SG1-0500').getByLabelText('Note') as HTMLInputElement;
    // A browser cuts typed or pasted text at maxLength, silently: it must be the contract's limit.
    expect(input.maxLength).toBe(TEXT_LIMITS.note);
    expect(
      methods['inbox.addNote'].request.safeParse({ serial: 'SG1-0500', text: 'x'.repeat(2000) }).success,
    ).toBe(true);
    fireEvent.change(input, { target: { value: 'x'.repeat(1200) } });
    expect(card('SG1-0500').queryByText(/characters/)).toBeNull();
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(callsOf(fake, 'inbox.addNote')).toEqual([{ serial: 'SG1-0500', text: 'x'.repeat(1200) }]),
    );

    // The form closes once the core answered: the button comes back then.
    fireEvent.click(await card('SG1-0500').findByRole('button', { name: 'Add note…' }));
    const again = card('SG1-0500').getByLabelText('Note');
    fireEvent.change(again, { target: { value: 'x'.repeat(1850) } });
    expect(card('SG1-0500').getByText(/^1.850 of 2.000 characters$/)).toBeTruthy();
    fireEvent.change(again, { target: { value: 'x'.repeat(2000) } });
    expect(card('SG1-0500').getByText(/^2.000 characters, the most it keeps$/)).toBeTruthy();
  });

  it('keeps a reason for rejecting to the 500 characters the core keeps', async () => {
    await openInbox([inboxItem()]);
    fireEvent.click(card('SG1-0500').getByRole('button', { name: 'Reject…' }));
    const input = card('SG1-0500').getByLabelText('Reason for rejecting') as HTMLInputElement;
    expect(input.maxLength).toBe(TEXT_LIMITS.reason);
    fireEvent.change(input, { target: { value: 'x'.repeat(460) } });
    expect(card('SG1-0500').getByText(/^460 of 500 characters$/)).toBeTruthy();
  });
});
