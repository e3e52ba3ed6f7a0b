import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../shared/contract/inventory-methods';
import { createFakeApi } from './fake-api';
import { installationView } from './fixtures';
import { renderApp } from './render-app';

async function openNoteForm() {
  const view = installationView();
  window.location.hash = `#/installation/${view.installation.serial}`;
  await renderApp(createFakeApi({ installations: [view] }));
  return within(await screen.findByRole('form', { name: 'Add a note' }));
}

describe("the installation page's operator note near the core's limit", () => {
  it('takes as many characters as the core keeps and says when a paste fills it, as the inbox note does', async () => {
    const form = await openNoteForm();
    const input = form.getByLabelText('Operator note') as HTMLTextAreaElement;
    // The browser stops a typed or pasted text (a customer's e-mail) at this many characters, silently.
    expect(input.maxLength).toBe(TEXT_LIMITS.note);
    fireEvent.change(input, { target: { value: 'x'.repeat(1200) } });
    expect(form.queryByText(/characters/)).toBeNull();
    fireEvent.change(input, { target: { value: 'x'.repeat(1850) } });
    expect(form.getByText(/^1.850 of 2.000 characters$/)).toBeTruthy();
    fireEvent.change(input, { target: { value: 'x'.repeat(TEXT_LIMITS.note) } });
    expect(form.getByText(/^2.000 characters, the most it keeps$/)).toBeTruthy();
  });
});
