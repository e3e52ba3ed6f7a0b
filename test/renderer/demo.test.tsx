import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';

describe('demo mode in the UI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers the demo fleet on an empty fleet and opens the instance it started', async () => {
    const fake = createFakeApi({ fleet: [] });
    await renderApp(fake);
    const assign = vi.fn();
    // Stubbed only after boot: the boot reads the real location for its token.
    vi.spyOn(window, 'location', 'get').mockReturnValue({ assign } as unknown as Location);
    fireEvent.click(await screen.findByRole('button', { name: 'Try the demo fleet' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1:9999/?token=demo'));
    expect(fake.calls.map((c) => c.method)).toContain('demo.start');
  });

  it('stays on this instance when the desktop app opened the demo in a window of its own', async () => {
    const fake = createFakeApi({ fleet: [], demoOpensWindow: true });
    await renderApp(fake);
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ assign } as unknown as Location);
    fireEvent.click(await screen.findByRole('button', { name: 'Try the demo fleet' }));
    expect((await screen.findByRole('status')).textContent).toContain('opened in a window of its own');
    expect(assign).not.toHaveBeenCalled();
  });

  it('marks the demo instance and offers no second demo inside it', async () => {
    await renderApp(createFakeApi({ fleet: [], info: { demo: true } }));
    expect(await screen.findByText('Demo fleet: simulated data')).toBeTruthy();
    await screen.findByText('No installations yet');
    expect(screen.queryByRole('button', { name: 'Try the demo fleet' })).toBeNull();
  });
});
