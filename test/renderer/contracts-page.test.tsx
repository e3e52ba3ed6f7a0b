import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApi } from './fake-api';
import { contractRow, inboxItem, EMPTY_RECONCILIATION } from './fixtures';
import { renderApp } from './render-app';

const CSV = [
  'contract,customer,street,zip,city,email',
  'C-1,Ada Lovelace,Kerkstraat 1,9000,Gent,ada@example.com',
  'C-2,Grace Hopper,Veldstraat 2,9000,Gent,',
  ',Nobody,Nowhere,,,',
  'C-1,Someone Else,Elsewhere 3,1000,Brussel,',
].join('\n');

const callsOf = (fake: FakeApi, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request as Record<string, unknown>);
// By role: the accessible name leaves out the required-field asterisk.
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;

async function openContracts(options: Parameters<typeof createFakeApi>[0] = {}) {
  window.location.hash = '#/contracts';
  const fake = createFakeApi(options);
  await renderApp(fake);
  await screen.findByRole('region', { name: 'Import contracts' });
  return fake;
}

function pickFile(content: BlobPart) {
  const file = new File([content], 'contracts.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByLabelText('Contract CSV file'), { target: { files: [file] } });
}

async function chooseFile(content: BlobPart = CSV) {
  pickFile(content);
  await screen.findByRole('table', { name: 'Import preview' });
}

/** The bytes Excel writes for `text` when it saves "CSV (comma delimited)" on a Western European Windows. */
const windows1252 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('contracts page', () => {
  it('previews a chosen file with the mapping the core guessed, and lists the bad rows', async () => {
    const fake = await openContracts();
    await chooseFile();
    expect(callsOf(fake, 'contracts.preview')).toEqual([{ csv: CSV, fileName: 'contracts.csv' }]);
    expect(select('Contract number').value).toBe('contract');
    expect(select('Customer name').value).toBe('customer');
    expect(select('Postal code').value).toBe('zip');
    expect(select('Address (one column)').value).toBe('');
    const preview = screen.getByRole('table', { name: 'Import preview' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3); // header + 2 contracts
    expect(preview.textContent).toContain('Kerkstraat 1, 9000 Gent');
    const errors = screen.getByRole('list', { name: 'Row errors' });
    expect(errors.textContent).toContain('Row 4: The contract number (column "contract") is empty.');
    expect(errors.textContent).toContain('Row 5: Contract C-1 already appears on row 2.');
    expect(screen.getByText('4 rows read, 2 valid, 2 problems.')).toBeTruthy();
  });

  it('previews again when the mapping changes', async () => {
    const fake = await openContracts();
    await chooseFile();
    fireEvent.change(select('Customer name'), { target: { value: 'email' } });
    await waitFor(() => expect(callsOf(fake, 'contracts.preview')).toHaveLength(2));
    expect(callsOf(fake, 'contracts.preview')[1]?.mapping).toEqual({
      contractNumber: 'contract',
      customerName: 'email',
      street: 'street',
      postalCode: 'zip',
      city: 'city',
      email: 'email',
    });
    await screen.findByText(/Row 3: The customer name \(column "email"\) is empty./);
  });

  it('does not preview while a required column is unmapped, and cannot import then', async () => {
    const fake = await openContracts();
    await chooseFile();
    fireEvent.change(select('Contract number'), { target: { value: '' } });
    expect(callsOf(fake, 'contracts.preview')).toHaveLength(1);
    // No count: the last preview's was for a mapping no longer chosen.
    expect((screen.getByRole('button', { name: 'Import contracts' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('imports with the mapping shown and refreshes the list', async () => {
    const fake = await openContracts();
    await chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 contracts' }));
    await screen.findByText(/Imported 2 contracts from contracts.csv/);
    const [request] = callsOf(fake, 'contracts.import');
    expect(request).toMatchObject({
      csv: CSV,
      fileName: 'contracts.csv',
      mapping: { contractNumber: 'contract', customerName: 'customer' },
    });
    await waitFor(() => expect(screen.getAllByTestId('contract-row')).toHaveLength(2));
    expect(callsOf(fake, 'contracts.reconcile').length).toBeGreaterThanOrEqual(2);
  });

  it('shows how far the core is with reading a large file, for the preview and for the import', async () => {
    const fake = await openContracts();
    const releasePreview = fake.hold();
    const file = new File([CSV], 'contracts.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Contract CSV file'), { target: { files: [file] } });
    expect((await screen.findByRole('status')).textContent).toBe('Checking contracts.csv…');
    // The import's progress is not the preview's.
    act(() => fake.emit('data.progress', { task: 'contracts-import', done: 9, total: 10 }));
    act(() => fake.emit('data.progress', { task: 'contracts-preview', done: 1_234, total: 4_000 }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checking contracts.csv: 30 %'));
    expect(
      screen.getByRole('progressbar', { name: 'Checking contracts.csv' }).getAttribute('aria-valuenow'),
    ).toBe('31');
    releasePreview();
    await screen.findByRole('table', { name: 'Import preview' });
    expect(screen.queryByRole('progressbar')).toBeNull();

    const releaseImport = fake.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 contracts' }));
    act(() => fake.emit('data.progress', { task: 'contracts-import', done: 2_000, total: 4_000 }));
    expect(
      (await screen.findByRole('progressbar', { name: 'Importing contracts.csv' })).getAttribute(
        'aria-valuenow',
      ),
    ).toBe('50');
    act(() => fake.emit('data.progress', { task: 'contracts-import', done: 4_000, total: 4_000 }));
    await screen.findByText('Saving 2 contracts…');
    expect(screen.queryByRole('progressbar')).toBeNull();
    releaseImport();
    await screen.findByText(/Imported 2 contracts from contracts.csv/);
    expect(screen.queryByText('Saving 2 contracts…')).toBeNull();
  });

  it('reads a Windows-1252 file as such, says so, and previews and sends the names unharmed', async () => {
    const fake = await openContracts();
    await chooseFile(windows1252('contract;customer;city\r\nC-7;André Lefèvre;Liège\r\n'));
    const preview = screen.getByRole('table', { name: 'Import preview' });
    expect(preview.textContent).toContain('André Lefèvre');
    expect(preview.textContent).toContain('Liège');
    expect(
      screen.getByText(
        'Read as Windows-1252 (Western European): the file is not UTF-8. If names look wrong, save it as CSV UTF-8.',
      ),
    ).toBeTruthy();
    expect(callsOf(fake, 'contracts.preview')[0]?.csv).toContain('André Lefèvre;Liège');
  });

  it('reads a UTF-8 file with a byte order mark without a notice', async () => {
    const fake = await openContracts();
    await chooseFile('\uFEFFcontract;customer;city\r\nC-7;André Lefèvre;Liège\r\n');
    expect(screen.getByRole('table', { name: 'Import preview' }).textContent).toContain('André Lefèvre');
    expect(screen.queryByText(/Windows-1252/)).toBeNull();
    expect(callsOf(fake, 'contracts.preview')[0]?.csv).toContain('André Lefèvre;Liège');
  });

  it('counts one row and one contract in the singular', async () => {
    await openContracts();
    await chooseFile('contract,customer\nC-1,Ada Lovelace\n');
    expect(screen.getByText('1 row read, 1 valid, 0 problems.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 contract' }));
    await screen.findByText(/Imported 1 contract from contracts.csv/);
  });

  it('says a file is empty or has no rows, instead of blaming a row', async () => {
    await openContracts();
    pickFile('');
    await screen.findByText('The file is empty.');
    expect(screen.queryByRole('list', { name: 'Row errors' })).toBeNull();
    expect(screen.queryByText(/auto-detect/)).toBeNull();
    pickFile('contract;customer\r\n');
    await screen.findByText('The file has a header but no rows.');
    expect(screen.queryByRole('list', { name: 'Row errors' })).toBeNull();
  });

  it('shows an unguessable mapping as a mapping message, not as a row problem', async () => {
    await openContracts();
    pickFile('a,b\n1,2\n');
    const message = await screen.findByText(
      'Choose the columns that hold the contract number and the customer name.',
    );
    expect(message.closest('[role="list"]')).toBeNull();
    expect(screen.queryByText(/^Row 1/)).toBeNull();
    expect(screen.getByRole('group', { name: 'Column mapping' })).toBeTruthy();
  });

  it('says which rows update stored contracts before importing', async () => {
    await openContracts({ contracts: [contractRow({ contractNumber: 'C-2', customerName: 'Grace' })] });
    await chooseFile();
    expect(screen.getByText(/adds 1 new contract and updates 1 existing contract/)).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Import preview' })).getAllByRole('row');
    expect(rows.find((r) => r.textContent?.includes('C-1'))?.textContent).toContain('New');
    expect(rows.find((r) => r.textContent?.includes('C-2'))?.textContent).toContain('Updates existing');
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 contracts' }));
    await screen.findByText(/Imported 2 contracts from contracts.csv \(1 new, 1 updated\)\./);
  });

  it('says which rows change nothing, as when the exported file is read back', async () => {
    const grace = { street: 'Veldstraat 2', postalCode: '9000', city: 'Gent' };
    await openContracts({
      contracts: [contractRow({ contractNumber: 'C-2', customerName: 'Grace Hopper', address: grace })],
    });
    await chooseFile();
    expect(screen.getByText(/adds 1 new contract\. 1 row of the file changes nothing/)).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Import preview' })).getAllByRole('row');
    expect(rows.find((r) => r.textContent?.includes('C-2'))?.textContent).toContain('Unchanged');
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 contracts' }));
    await screen.findByText(/Imported 2 contracts from contracts.csv \(1 new, 0 updated, 1 unchanged\)\./);
  });

  it('lists contracts with their linked controller, searchable', async () => {
    await openContracts({
      contracts: [
        contractRow(),
        contractRow({ contractNumber: 'C-2', customerName: 'Grace Hopper', linkedSerial: null }),
        contractRow({ contractNumber: 'C-3', customerName: 'Zoë Dubois', linkedSerial: null }),
      ],
    });
    const rows = await screen.findAllByTestId('contract-row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows.find((r) => r.textContent?.includes('C-1001'))!)
        .getByRole('link', { name: 'SG1-0001' })
        .getAttribute('href'),
    ).toBe('#/installation/SG1-0001');
    fireEvent.change(screen.getByLabelText('Search contracts'), { target: { value: 'grace' } });
    await waitFor(() => expect(screen.getAllByTestId('contract-row')).toHaveLength(1));
    expect(screen.getByTestId('contract-row').textContent).toContain('not linked');
    // Accents need not be typed: "zoe" finds Zoë.
    fireEvent.change(screen.getByLabelText('Search contracts'), { target: { value: 'zoe' } });
    await waitFor(() => expect(screen.getAllByTestId('contract-row')).toHaveLength(1));
    expect(screen.getByTestId('contract-row').textContent).toContain('Zoë');
  });

  it('shows the four reconciliation lists with their counts', async () => {
    await openContracts({
      reconciliation: {
        contractedNotOnboarded: ['C-5', 'C-6'],
        onboardedNeverHeard: ['SG1-0042'],
        onboardedNeverOnMqtt: ['SG1-0042', 'SG1-0043'],
        onboardedWithoutContract: [],
        brokerConnected: true,
      },
    });
    const panel = await screen.findByRole('region', { name: 'Reconciliation' });
    await within(panel).findByText('Contracted but not onboarded (2)');
    expect(within(panel).getByRole('region', { name: 'Contracted but not onboarded' }).textContent).toContain(
      'C-6',
    );
    const neverHeard = within(panel).getByRole('region', { name: 'Onboarded but never heard from' });
    expect(within(neverHeard).getByRole('link', { name: 'SG1-0042' })).toBeTruthy();
    expect(within(panel).getByText('Onboarded but never seen on MQTT (2)')).toBeTruthy();
    expect(within(panel).getByText('Onboarded without a contract (0)')).toBeTruthy();
  });

  it('says the never-on-MQTT list means nothing yet while no broker is connected', async () => {
    await openContracts({
      reconciliation: { ...EMPTY_RECONCILIATION, onboardedNeverOnMqtt: ['SG1-0042'], brokerConnected: false },
    });
    const panel = await screen.findByRole('region', { name: 'Reconciliation' });
    const list = await within(panel).findByRole('region', { name: 'Onboarded but never seen on MQTT' });
    expect(list.textContent).toContain('No broker is connected, so nothing can arrive over MQTT yet');
    expect(list.textContent).not.toContain('check the broker link');
  });

  it('refreshes the list and the reconciliation when the inbox changes (links are made there)', async () => {
    const fake = await openContracts();
    await waitFor(() => expect(callsOf(fake, 'contracts.list')).toHaveLength(1));
    act(() => fake.emit('inbox.changed', [inboxItem()]));
    await waitFor(() => expect(callsOf(fake, 'contracts.list')).toHaveLength(2));
    expect(callsOf(fake, 'contracts.reconcile')).toHaveLength(2);
  });
});
