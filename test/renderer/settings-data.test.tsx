import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from './fake-api';
import { T0 } from './fixtures';
import { renderApp } from './render-app';
import { stubDownloads } from './stub-downloads';

const callsOf = (fake: FakeApi, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.request);
const TOKEN = { id: 't-9', label: 'Eniris production', serial: null, createdAt: '2025-01-02T12:00:00.000Z' };
const BACKUP = { path: '/data/backups/fleetdesk-20250102.json', at: T0, bytes: 4096 };

async function openSettings() {
  window.location.hash = '#/settings';
  const fake = createFakeApi({ tokens: [TOKEN], backups: [BACKUP] });
  await renderApp(fake);
  await screen.findByRole('table', { name: 'Tokens' });
  await screen.findByRole('table', { name: 'Backups' });
  return fake;
}

describe('settings: journal archive', () => {
  it('says what the archive holds and where, or that it is empty', async () => {
    await openSettings();
    expect((await screen.findByRole('note', { name: 'Journal archive' })).textContent).toContain(
      'The journal archive is empty',
    );
  });

  it('counts the archived entries and names their folder', async () => {
    window.location.hash = '#/settings';
    const archive = {
      segments: 2,
      entries: 32_000,
      lastSeq: 32_000,
      firstAt: T0,
      lastAt: T0 + 86_400_000,
      compressedBytes: 3 * 1024 * 1024,
      dir: '/data/journal/archive',
    };
    await renderApp(createFakeApi({ archive }));
    const note = await screen.findByRole('note', { name: 'Journal archive' });
    expect(note.textContent).toContain('32,000 entries');
    expect(note.textContent).toContain('/data/journal/archive');
    expect(note.textContent).toContain('in every backup');
  });
});

describe('settings: listener tokens', () => {
  it('lists tokens with what they are bound to', async () => {
    await openSettings();
    const row = within(screen.getByRole('table', { name: 'Tokens' })).getAllByRole('row')[1];
    expect(row?.textContent).toContain('Eniris production');
    expect(row?.textContent).toContain('any serial (integration)');
    expect(row?.textContent).toContain('Active');
  });

  it('creates a token and shows its secret once', async () => {
    const fake = await openSettings();
    fireEvent.change(screen.getByLabelText('Token label'), { target: { value: 'Kerkstraat' } });
    fireEvent.change(screen.getByLabelText('Bound serial'), { target: { value: 'SG1-0001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const secret = await screen.findByTestId('token-secret');
    expect(secret.textContent).toBe('secret-t-2-0123456789abcdef');
    expect(screen.getByText(/it will not be shown again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(callsOf(fake, 'tokens.create')).toEqual([{ label: 'Kerkstraat', serial: 'SG1-0001' }]);
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Tokens' }).textContent).toContain('SG1-0001'),
    );
    expect(screen.getByRole('table', { name: 'Tokens' }).textContent).not.toContain('secret-t-2');
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('token-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('secret-t-2');
  });

  it('creates an integration token when no serial is given', async () => {
    const fake = await openSettings();
    fireEvent.change(screen.getByLabelText('Token label'), { target: { value: 'CRM' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByTestId('token-secret');
    expect(callsOf(fake, 'tokens.create')).toEqual([{ label: 'CRM', serial: null }]);
  });

  it('refuses a bound serial no controller could send, as it is typed', async () => {
    const fake = await openSettings();
    fireEvent.change(screen.getByLabelText('Token label'), { target: { value: 'Typo' } });
    fireEvent.change(screen.getByLabelText('Bound serial'), { target: { value: 'SN GOOD 2' } });
    expect(await screen.findByText(/Bound serial must be 1-64 characters of A-Z/)).toBeTruthy();
    const create = screen.getByRole('button', { name: 'Create token' });
    expect((create as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByRole('form', { name: 'Create a token' }));
    expect(callsOf(fake, 'tokens.create')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Bound serial'), { target: { value: 'SN-GOOD-2' } });
    await waitFor(() => expect((create as HTMLButtonElement).disabled).toBe(false));
  });

  it('revokes only after confirming', async () => {
    const fake = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Eniris production' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    expect(callsOf(fake, 'tokens.revoke')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(callsOf(fake, 'tokens.revoke')).toEqual([{ id: 't-9' }]));
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Tokens' }).textContent).toContain('Revoked'),
    );
  });
});

describe('settings: data', () => {
  afterEach(() => vi.restoreAllMocks());

  it('backs up now and shows where the backup went', async () => {
    const fake = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect((await screen.findByText(/Backup written to/)).textContent).toContain(
      '/tmp/fleetdesk-test/backups/backup-2.json',
    );
    expect(callsOf(fake, 'data.backup')).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Backups' }).textContent).toContain('backup-2.json'),
    );
  });

  it('restores a backup only after a dialog that says the current data is moved aside', async () => {
    const fake = await openSettings();
    fireEvent.click(
      within(screen.getByRole('table', { name: 'Backups' })).getByRole('button', { name: 'Restore' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    expect(dialog.textContent).toContain('moved aside');
    expect(dialog.textContent).toContain('not deleted');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf(fake, 'data.restore')).toEqual([]);

    fireEvent.click(
      within(screen.getByRole('table', { name: 'Backups' })).getByRole('button', { name: 'Restore' }),
    );
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Restore this backup' }),
    );
    await waitFor(() => expect(callsOf(fake, 'data.restore')).toEqual([{ path: BACKUP.path }]));
    expect((await screen.findByText(/The data you had before was moved to/)).textContent).toContain(
      '/tmp/fleetdesk-test/replaced-1',
    );
  });

  it('shows how far a restore is while it runs, and how far a backup is', async () => {
    const fake = await openSettings();
    fireEvent.click(
      within(screen.getByRole('table', { name: 'Backups' })).getByRole('button', { name: 'Restore' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    const release = fake.hold();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore this backup' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Checking the backup…');
    // A backup's progress is not the restore's.
    fake.emit('data.progress', { task: 'backup', done: 10, total: 20 });
    fake.emit('data.progress', { task: 'restore', done: 45_000, total: 100_000 });
    await waitFor(() =>
      expect(within(dialog).getByRole('status').textContent).toBe(
        'Checking the backup: 45,000 of 100,000 entries checked',
      ),
    );
    expect(
      within(dialog).getByRole('progressbar', { name: 'Checking the backup' }).getAttribute('aria-valuenow'),
    ).toBe('45');
    release();
    await screen.findByText(/The data you had before was moved to/);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const releaseBackup = fake.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    fake.emit('data.progress', { task: 'backup', done: 5_000, total: 20_000 });
    expect(
      (await screen.findByRole('progressbar', { name: 'Backing up' })).getAttribute('aria-valuenow'),
    ).toBe('25');
    expect(screen.getByText('Backing up: 5,000 of 20,000 entries written')).toBeTruthy();
    releaseBackup();
    await screen.findByText(/Backup written to/);
    expect(screen.queryByRole('progressbar', { name: 'Backing up' })).toBeNull();
  });

  it('exports installations and contracts as CSV files', async () => {
    const downloads = stubDownloads();
    const fake = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Export installations (CSV)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export contracts (CSV)' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(callsOf(fake, 'data.exportCsv')).toEqual([{ what: 'installations' }, { what: 'contracts' }]);
    expect(downloads.map((d) => d.fileName)).toEqual(['installations.csv', 'contracts.csv']);
    expect(await downloads[1]?.text()).toBe('contractNumber\r\nC-1001');
  });
});
