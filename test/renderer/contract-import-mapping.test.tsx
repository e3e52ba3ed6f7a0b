import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApi } from './fake-api';
import { renderApp } from './render-app';

const CSV = [
  'contract,customer,street,zip,city,email',
  'C-1,Ada Lovelace,Kerkstraat 1,9000,Gent,ada@example.com',
  'C-2,Grace Hopper,Veldstraat 2,9000,Gent,',
].join('\n');

const callsOf = (fake: FakeApi, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request as Record<string, unknown>);
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const importButton = () =>
  screen.getByRole('button', { name: /^Import( \d+)? contracts?$/ }) as HTMLButtonElement;

async function openWithFile() {
  window.location.hash = '#/contracts';
  const fake = createFakeApi();
  await renderApp(fake);
  const file = new File([CSV], 'contracts.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByLabelText('Contract CSV file'), { target: { files: [file] } });
  await screen.findByRole('table', { name: 'Import preview' });
  return fake;
}

/** Lets held calls answer and their results land. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

describe('contract import: the preview and Import follow the mapping chosen now', () => {
  it('ignores a preview that answers after the operator made the mapping incomplete', async () => {
    const fake = await openWithFile();
    const release = fake.hold();
    fireEvent.change(select('Customer name'), { target: { value: 'email' } }); // previews, slowly
    fireEvent.change(select('Contract number'), { target: { value: '' } }); // nothing to preview
    release();
    await settle();
    expect(callsOf(fake, 'contracts.preview')).toHaveLength(2);
    // The operator's choice stands: the late answer does not put its mapping back.
    expect(select('Contract number').value).toBe('');
    expect(select('Customer name').value).toBe('email');
    expect(importButton().disabled).toBe(true);
    // No preview is shown for a mapping that is not chosen any more, and the reason is said.
    expect(screen.queryByRole('table', { name: 'Import preview' })).toBeNull();
    expect(
      screen.getByText(/Choose the columns that hold the contract number and the customer name/),
    ).toBeTruthy();
    expect(importButton().disabled).toBe(true);
  });

  it('disables Import after a failed preview, says why, and imports once a preview succeeds', async () => {
    const fake = await openWithFile();
    expect(importButton().disabled).toBe(false);
    fake.failNext('contracts.preview', { code: 'internal', message: 'the core could not read the file' });
    fireEvent.change(select('Customer name'), { target: { value: 'email' } });
    const alert = await screen.findByRole('alert');
    expect(importButton().disabled).toBe(true);
    expect(alert.textContent).toContain('the core could not read the file');
    expect(alert.textContent).toContain('Could not preview the import with these columns');
    // The report of the mapping before is not shown as if it were this one's.
    expect(screen.queryByRole('table', { name: 'Import preview' })).toBeNull();
    expect(select('Customer name').value).toBe('email');

    fireEvent.click(within(alert).getByRole('button', { name: 'Preview again' }));
    await screen.findByRole('table', { name: 'Import preview' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(importButton().disabled).toBe(false);
    fireEvent.click(importButton());
    await screen.findByText(/Imported 1 contract from contracts.csv/);
    expect(callsOf(fake, 'contracts.import')[0]?.mapping).toMatchObject({
      contractNumber: 'contract',
      customerName: 'email',
    });
  });
});
