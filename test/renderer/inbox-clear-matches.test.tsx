import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import { createFakeApi } from './fake-api';
import { inboxItem } from './fixtures';
import { renderApp } from './render-app';

const callsOf = (fake: ReturnType<typeof createFakeApi>, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);

const clearItem = (serial: string, contractNumber: string) =>
  inboxItem({
    serial,
    flags: [],
    clearMatch: true,
    suggestions: [
      { contractNumber, customerName: 'Ada Lovelace', kind: 'exact', address: 'agrees', linkedTo: null },
    ],
  });

async function openInbox(items: InboxItem[]) {
  window.location.hash = '#/inbox';
  const fake = createFakeApi({ inbox: items });
  await renderApp(fake);
  await screen.findByRole('article', { name: `Controller ${items[0]!.serial}` });
  return fake;
}

/** A live update, as the core sends it when onboarding calls arrive or a colleague decides. */
function inboxChanges(fake: ReturnType<typeof createFakeApi>, items: InboxItem[]) {
  fake.state.inventory.inbox = items;
  act(() => fake.emit('inbox.changed', items));
}

async function askToLinkTwo() {
  const bar = screen.getByRole('region', { name: 'Clear matches' });
  fireEvent.click(within(bar).getByRole('button', { name: 'Link these 2…' }));
  return screen.findByRole('dialog', { name: 'Link 2 controllers to the contracts they name?' });
}

describe('the clear-matches confirmation while the inbox changes live', () => {
  it('sends exactly the links the confirmation opened with when new calls arrive before confirm', async () => {
    const first = [inboxItem(), clearItem('SG1-0701', 'C-0701'), clearItem('SG1-0702', 'C-0702')];
    const fake = await openInbox(first);
    const dialog = await askToLinkTwo();
    // A new controller calls while the operator reads the confirmation; it too is a clear match.
    inboxChanges(fake, [...first, clearItem('SG1-0703', 'C-0703')]);
    fireEvent.click(within(dialog).getByRole('button', { name: /^Link \d+$/ }));
    await waitFor(() => expect(callsOf(fake, 'inbox.linkClearMatches')).toHaveLength(1));
    expect(callsOf(fake, 'inbox.linkClearMatches')).toEqual([
      {
        links: [
          { serial: 'SG1-0701', contractNumber: 'C-0701' },
          { serial: 'SG1-0702', contractNumber: 'C-0702' },
        ],
      },
    ]);
    // The newcomer waits for its own decision.
    expect(await screen.findByRole('article', { name: 'Controller SG1-0703' })).toBeTruthy();
  });

  it('keeps listing what it asked about, and says when the inbox changed under it', async () => {
    const first = [inboxItem(), clearItem('SG1-0701', 'C-0701'), clearItem('SG1-0702', 'C-0702')];
    const fake = await openInbox(first);
    const dialog = await askToLinkTwo();
    const listed = () => within(dialog).getByRole('list', { name: 'Links to make' }).textContent;
    expect(listed()).toContain('SG1-0701 → C-0701');
    expect(listed()).toContain('SG1-0702 → C-0702');
    expect(within(dialog).queryByRole('note', { name: 'Inbox changed' })).toBeNull();

    // A colleague linked SG1-0702 elsewhere and SG1-0703 called: the list stays, the change is said.
    inboxChanges(fake, [inboxItem(), clearItem('SG1-0701', 'C-0701'), clearItem('SG1-0703', 'C-0703')]);
    expect(screen.getByRole('dialog', { name: 'Link 2 controllers to the contracts they name?' })).toBe(
      dialog,
    );
    expect(listed()).toContain('SG1-0702 → C-0702');
    expect(listed()).not.toContain('SG1-0703');
    const changed = within(dialog).getByRole('note', { name: 'Inbox changed' }).textContent;
    expect(changed).toContain('1 more controller is a clear match now');
    expect(changed).toContain('1 listed here is not any more');
    expect(within(dialog).getByRole('button', { name: 'Link 2' })).toBeTruthy();

    // Every clear match gone: the confirmation does not vanish under the operator either.
    inboxChanges(fake, [inboxItem()]);
    expect(screen.getByRole('dialog', { name: 'Link 2 controllers to the contracts they name?' })).toBe(
      dialog,
    );
    expect(within(dialog).getByRole('note', { name: 'Inbox changed' }).textContent).toContain(
      '2 listed here are not any more',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Clear matches' })).toBeNull();
    expect(callsOf(fake, 'inbox.linkClearMatches')).toEqual([]);
  });
});
