import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../renderer/src/app/error-boundary';
import { PAGES } from '../../renderer/src/app/pages';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';

function Broken(): never {
  throw new Error('table exploded');
}

describe('error boundary', () => {
  beforeEach(() => {
    // React reports caught render errors on the console; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the error of a throwing page and keeps the navigation usable', async () => {
    const pages = PAGES.map((p) => (p.path === 'fleet' ? { ...p, Component: Broken } : p));
    await renderApp(createFakeApi(), { pages });
    expect(screen.getByText('This page stopped working')).toBeTruthy();
    expect(screen.getByText('table exploded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Inbox' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2, name: 'Onboarding inbox' })).toBeTruthy(),
    );
    expect(screen.queryByText('This page stopped working')).toBeNull();
  });

  it('Reload calls the reload action', () => {
    const onReload = vi.fn();
    render(
      <MantineProvider env="test">
        <ErrorBoundary onReload={onReload}>
          <Broken />
        </ErrorBoundary>
      </MantineProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });
});
