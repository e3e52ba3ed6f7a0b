import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';

const TOKEN = { id: 't-9', label: 'Eniris production', serial: null, createdAt: '2025-01-02T12:00:00.000Z' };

describe('settings: revoking a listener token fails', { timeout: 20_000 }, () => {
  it('shows why in the confirm dialog that stays open, and not once the dialog is left', async () => {
    window.location.hash = '#/settings';
    const fake = createFakeApi({ tokens: [TOKEN] });
    await renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Eniris production' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    fake.failNext('tokens.revoke', { code: 'internal', message: 'the token file could not be written' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'the token file could not be written',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('the token file could not be written')).toBeNull();
  });
});
