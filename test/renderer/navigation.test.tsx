import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';

const EMPTY_PAGES = [
  {
    link: 'Fleet',
    heading: 'Fleet',
    explains: /Installations appear here when controllers call the onboarding endpoint/,
  },
  { link: 'Inbox', heading: 'Onboarding inbox', explains: /Every onboarding call lands here/ },
  { link: 'Contracts', heading: 'Contracts', explains: /Import your customer contracts from a CSV file/ },
  { link: 'Control', heading: 'Control', explains: /dry-run it/ },
  { link: 'Schedules', heading: 'Schedules', explains: /week view/ },
  { link: 'Activity', heading: 'Activity', explains: /audit trail/ },
];

describe('navigation', () => {
  it('lists all seven pages in order', async () => {
    await renderApp(createFakeApi());
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual(['Fleet', 'Inbox', 'Contracts', 'Control', 'Schedules', 'Activity', 'Settings']);
  });

  it('opens Fleet by default and marks its link as the current page', async () => {
    await renderApp(createFakeApi());
    expect(screen.getByRole('heading', { level: 2, name: 'Fleet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fleet' }).getAttribute('aria-current')).toBe('page');
  });

  it.each(EMPTY_PAGES)('$link shows an empty state that explains what will appear', async (page) => {
    await renderApp(createFakeApi());
    const link = screen.getByRole('link', { name: page.link });
    expect(link.getAttribute('href')).toBe(`#/${page.link.toLowerCase()}`);
    fireEvent.click(link);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: page.heading })).toBeTruthy());
    // Pages with data show their empty state once the (empty) answer is in.
    expect(await screen.findByText(page.explains)).toBeTruthy();
    expect(screen.getByRole('link', { name: page.link }).getAttribute('aria-current')).toBe('page');
  });

  it('says so when the address names no page', async () => {
    window.location.hash = '#/nowhere';
    await renderApp(createFakeApi());
    expect(screen.getByText('Page not found')).toBeTruthy();
    expect(screen.getByText(/#\/nowhere/)).toBeTruthy();
  });
});
