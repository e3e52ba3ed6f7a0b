import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import { createFakeApi } from './fake-api';
import { inboxItem } from './fixtures';
import { renderApp } from './render-app';

// A card stand-in: this file is about how many cards the page shows, and a real card's
// rendering (suggestions, forms, raw body) would take seconds per hundred in jsdom.
vi.mock('../../renderer/src/features/inbox/inbox-card', () => ({
  InboxCard: ({ item }: { item: InboxItem }) => <article aria-label={`Controller ${item.serial}`} />,
}));

describe('a long inbox', () => {
  it('shows the newest hundred cards, and more on request, counting what is not shown', async () => {
    const items = Array.from({ length: 230 }, (_, n) =>
      inboxItem({ serial: `SG1-${String(n).padStart(4, '0')}`, lastAt: 1_000_000 - n }),
    );
    window.location.hash = '#/inbox';
    await renderApp(createFakeApi({ inbox: items }));
    await screen.findByRole('article', { name: 'Controller SG1-0000' });
    expect(screen.getByText('230 controllers wait for a decision.')).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(100);
    expect(screen.getAllByRole('article').at(-1)?.getAttribute('aria-label')).toBe('Controller SG1-0099');
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more (130 not shown)' }));
    expect(screen.getAllByRole('article')).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show 30 more (30 not shown)' }));
    expect(screen.getAllByRole('article')).toHaveLength(230);
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();
  });
});
