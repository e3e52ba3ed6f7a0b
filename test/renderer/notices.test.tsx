import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { corruptFileNotice, createFakeApi } from './fake-api';
import { renderApp } from './render-app';

describe('notices area', () => {
  it('shows the notices the API lists, on every page', async () => {
    await renderApp(createFakeApi({ notices: [corruptFileNotice()] }));
    const area = await screen.findByRole('region', { name: 'Notices' });
    expect(within(area).getByText('Settings file could not be read')).toBeTruthy();
    expect(within(area).getByText(/moved aside to \/data\/settings.json.corrupt-1/)).toBeTruthy();
  });

  it('dismiss calls the API and removes the notice', async () => {
    const fake = createFakeApi({
      notices: [corruptFileNotice({ id: 'a' }), corruptFileNotice({ id: 'b', title: 'Another one' })],
    });
    await renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss notice: Another one' }));
    await waitFor(() => expect(screen.queryByText('Another one')).toBeNull());
    expect(fake.calls.filter((c) => c.method === 'notices.dismiss').map((c) => c.request)).toEqual([
      { id: 'b' },
    ]);
    expect(screen.getByText('Settings file could not be read')).toBeTruthy();
  });

  it('says why when a dismiss fails, and keeps the notice', async () => {
    const fake = createFakeApi({ notices: [corruptFileNotice()] });
    await renderApp(fake);
    fake.failNext('notices.dismiss', { code: 'unavailable', message: 'host went away' });
    fireEvent.click(await screen.findByRole('button', { name: /Dismiss notice/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('host went away');
    expect(screen.getByText('Settings file could not be read')).toBeTruthy();
  });

  it('follows live notices.changed events', async () => {
    const fake = createFakeApi();
    await renderApp(fake);
    expect(screen.queryByRole('region', { name: 'Notices' })).toBeNull();
    act(() =>
      fake.emit('notices.changed', [
        corruptFileNotice({ title: 'Inventory file moved aside', level: 'error' }),
      ]),
    );
    expect(await screen.findByText('Inventory file moved aside')).toBeTruthy();
    act(() => fake.emit('notices.changed', []));
    await waitFor(() => expect(screen.queryByText('Inventory file moved aside')).toBeNull());
  });
});
