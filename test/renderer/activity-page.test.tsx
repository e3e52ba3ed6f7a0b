import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityRow } from '../../shared/contract/activity-methods';
import { categoryOf } from '../../shared/domain/activity/categories';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { formatDateTime } from '../../renderer/src/lib/format';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';
import { stubDownloads } from './stub-downloads';

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);

function note(seq: number, serial: string, text: string, actor = 'Grace'): ActivityRow {
  const entry = {
    seq,
    at: T0 + seq * 1000,
    type: 'note.added',
    actor,
    serial,
    text,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
  return {
    seq,
    at: entry.at,
    type: 'note.added',
    category: categoryOf('note.added'),
    actor,
    serial,
    summary: `Note: ${text}`,
    entry: entry as JournalEntry,
  };
}

function command(seq: number, serial: string): ActivityRow {
  const entry = {
    seq,
    at: T0 + seq * 1000,
    type: 'command.created',
    actor: 'Grace',
    serial,
    commandId: 'cmd-7',
    kind: 'live',
    groups: ['storage'],
    command: { storage: { policy: 'discharge', setpointW: 5000 } },
    hold: false,
    validUntil: T0 + 60_000,
    topic: `standard1/rp_one_s/remoteControl/${serial}`,
    payload: '{"storage":{"policy":"discharge","setpoint":5000}}',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
  return {
    seq,
    at: entry.at,
    type: 'command.created',
    category: 'control',
    actor: 'Grace',
    serial,
    summary: 'Command cmd-7: storage discharge 5000 W',
    entry: entry as JournalEntry,
  };
}

async function openActivity(journal: ActivityRow[], pageSize = 100) {
  window.location.hash = '#/activity';
  const fake = createFakeApi();
  fake.state.activity.rows = journal;
  fake.state.activity.pageSize = pageSize;
  await renderApp(fake);
  return fake;
}

const summaries = () =>
  screen.queryAllByTestId('activity-row').map((row) => within(row).getAllByRole('cell').at(-1)?.textContent);

describe('activity page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists entries newest first and shows one entry in full, with the exact command sent', async () => {
    await openActivity([note(1, 'SG1-0001', 'first'), command(2, 'SG1-0001'), note(3, 'SG1-0002', 'third')]);
    await waitFor(() =>
      expect(summaries()).toEqual(['Note: third', 'Command cmd-7: storage discharge 5000 W', 'Note: first']),
    );
    expect(screen.getByTestId('activity-match-count').textContent).toBe(
      'Showing 3 of 3 entries, newest first',
    );
    // The serial links to the installation's page.
    const [, second] = screen.getAllByTestId('activity-row');
    // The category column is narrow: one word, with the full name and the entry type on hover.
    const category = within(second!).getAllByRole('cell')[2]!;
    expect(category.textContent).toBe('Control');
    expect(category.querySelector('[title]')?.getAttribute('title')).toBe(
      'Commands, leases, rollouts (command.created)',
    );
    expect(within(second!).getByRole('link', { name: 'SG1-0001' }).getAttribute('href')).toBe(
      '#/installation/SG1-0001',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Details of entry 2' }));
    const details = screen.getByRole('region', { name: 'Entry 2' });
    const raw = within(details).getByTestId('activity-raw-entry').textContent ?? '';
    expect(JSON.parse(raw)).toMatchObject({
      topic: 'standard1/rp_one_s/remoteControl/SG1-0001',
      payload: '{"storage":{"policy":"discharge","setpoint":5000}}',
    });
  });

  it('names a listener call by its token label, also once the token is revoked', async () => {
    window.location.hash = '#/activity';
    const tokens = [
      { id: 't-9', label: 'Eniris production', serial: null, createdAt: '2026-10-01T08:00:00.000Z' },
      {
        id: 't-3',
        label: 'old controller',
        serial: 'SG1-0002',
        createdAt: '2026-09-01T08:00:00.000Z',
        revokedAt: '2026-10-01T08:00:00.000Z',
      },
    ];
    const fake = createFakeApi({ tokens });
    fake.state.activity.rows = [
      note(1, 'SG1-0001', 'by production', 'token:t-9'),
      note(2, 'SG1-0002', 'by revoked', 'token:t-3'),
      note(3, 'SG1-0003', 'by an unknown token', 'token:t-404'),
    ];
    await renderApp(fake);
    const who = () =>
      screen.queryAllByTestId('activity-row').map((row) => within(row).getAllByRole('cell')[3]?.textContent);
    await waitFor(() =>
      expect(who()).toEqual([
        'listener (token t-404)',
        'listener: old controller',
        'listener: Eniris production',
      ]),
    );
    // A cut-off label reads in full on hover, with the token id behind it.
    const lastWho = screen.getAllByTestId('activity-row')[2]?.querySelector('td:nth-child(4) [title]');
    expect(lastWho?.getAttribute('title')).toBe('listener: Eniris production (token:t-9)');
    fireEvent.click(screen.getByRole('button', { name: 'Details of entry 1' }));
    expect(
      within(screen.getByRole('region', { name: 'Entry 1' })).getByText(/listener: Eniris production/),
    ).toBeTruthy();
    const actorMenu = screen.getByLabelText('Who') as HTMLSelectElement;
    await waitFor(() =>
      expect([...actorMenu.options].map((o) => o.textContent)).toContain('listener: Eniris production (1)'),
    );
  });

  it('says which entries are in the journal archive instead of listing them', async () => {
    window.location.hash = '#/activity';
    const fake = createFakeApi({
      archive: {
        segments: 1,
        entries: 16_000,
        lastSeq: 16_000,
        firstAt: T0 - 86_400_000,
        lastAt: T0,
        compressedBytes: 1_000_000,
        dir: '/data/journal/archive',
      },
    });
    fake.state.activity.rows = [note(16_001, 'SG1-0001', 'after the archive')];
    await renderApp(fake);
    const archived = await screen.findByRole('note', { name: 'Archived entries' });
    expect(archived.textContent).toContain('16,000 entries up to');
    expect(archived.textContent).toContain('in every backup');
    await waitFor(() => expect(summaries()).toEqual(['Note: after the archive']));
  });

  it('searches and exports the journal archive with the same filters, a few files at a time, saying how far back', async () => {
    const downloads = stubDownloads();
    window.location.hash = '#/activity';
    const archived = [
      note(1, 'SG1-0001', 'oldest'),
      note(2, 'SG1-0002', 'other'),
      note(3, 'SG1-0001', 'middle'),
      note(4, 'SG1-0001', 'newest archived'),
    ];
    const fake = createFakeApi({
      archive: {
        segments: 2,
        entries: 4,
        lastSeq: 4,
        firstAt: T0 + 1000,
        lastAt: T0 + 4000,
        compressedBytes: 1_000,
        dir: '/data/journal/archive',
      },
    });
    fake.state.activity.rows = [note(5, 'SG1-0001', 'live')];
    fake.state.activity.archived = archived;
    await renderApp(fake);
    await waitFor(() => expect(summaries()).toEqual(['Note: live']));
    fireEvent.click(await screen.findByRole('radio', { name: 'Archive' }));
    // The first request reads the newest archived file (entries 3 and 4) only.
    await waitFor(() => expect(summaries()).toEqual(['Note: newest archived', 'Note: middle']));
    fireEvent.change(screen.getByRole('textbox', { name: 'Serial' }), { target: { value: 'SG1-0001' } });
    await waitFor(() => expect(fake.state.activity.archiveSearches).toHaveLength(2));
    await waitFor(() => expect(summaries()).toEqual(['Note: newest archived', 'Note: middle']));
    expect(screen.getByTestId('activity-match-count').textContent).toMatch(
      /^Found 2 archived entries, newest first; searched back to /,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Search further back' }));
    await waitFor(() =>
      expect(summaries()).toEqual(['Note: newest archived', 'Note: middle', 'Note: oldest']),
    );
    expect(screen.getByTestId('activity-match-count').textContent).toBe(
      'Found 3 archived entries, newest first; the whole archive was searched.',
    );
    expect(screen.queryByRole('button', { name: 'Search further back' })).toBeNull();
    // Entry 2 is another serial's: the filter applies to the archive as it does to the live journal.
    expect(fake.state.activity.archiveSearches).toEqual([
      { filter: {} },
      { filter: { serial: 'SG1-0001' } },
      { filter: { serial: 'SG1-0001' }, cursor: 3 },
    ]);
    // The export searches the whole archive, part after part, with the same filter.
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.fileName).toBe('fleetdesk-activity-archive-2026-11-01.csv');
    expect(await downloads[0]?.text()).toBe(
      'seq,summary\r\n4,Note: newest archived\r\n3,Note: middle\r\n1,Note: oldest',
    );
    expect(fake.calls.filter((c) => c.method === 'activity.exportArchiveCsv').map((c) => c.request)).toEqual([
      { filter: { serial: 'SG1-0001' } },
      { filter: { serial: 'SG1-0001' }, cursor: 3 },
    ]);
    // Back to the live journal, with the filter kept.
    fireEvent.click(screen.getByRole('radio', { name: 'Live journal' }));
    await waitFor(() => expect(summaries()).toEqual(['Note: live']));
  });

  it('shows no archive note while nothing is archived', async () => {
    await openActivity([note(1, 'SG1-0001', 'first')]);
    await waitFor(() => expect(summaries()).toEqual(['Note: first']));
    expect(screen.queryByRole('note', { name: 'Archived entries' })).toBeNull();
  });

  it('asks the core for the entries of one serial, then exports exactly that filtered set', async () => {
    const downloads = stubDownloads();
    const fake = await openActivity([
      note(1, 'SG1-0001', 'a'),
      note(2, 'SG1-0002', 'b'),
      note(3, 'SG1-0001', 'c'),
    ]);
    await waitFor(() => expect(summaries()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Serial'), { target: { value: ' sg1-0001 ' } });
    await waitFor(() => expect(summaries()).toEqual(['Note: c', 'Note: a']));
    expect(fake.state.activity.queries.at(-1)?.filter).toEqual({ serial: 'sg1-0001' });
    expect(screen.getByTestId('activity-match-count').textContent).toBe(
      'Showing 2 of 2 matching entries, newest first',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(fake.state.activity.exports).toEqual([{ serial: 'sg1-0001' }]);
    expect(downloads[0]?.fileName).toBe('fleetdesk-activity-2026-11-01.csv');
    expect(await downloads[0]?.text()).toBe('seq,summary\r\n3,Note: c\r\n1,Note: a');
    // One part per row in the fake: the file is the parts joined, fetched with each next cursor.
    expect(fake.calls.filter((c) => c.method === 'activity.exportCsv').map((c) => c.request)).toEqual([
      { filter: { serial: 'sg1-0001' } },
      { filter: { serial: 'sg1-0001' }, cursor: 3 },
    ]);
  });

  it('"Until 09:30" keeps the entries the table shows at 09:30, in the list and in the export', async () => {
    const downloads = stubDownloads();
    // Local times: 09:30:20 shows as "2026-11-26 09:30"; the query's `to` is exclusive.
    const at = (h: number, m: number, s: number) => new Date(2026, 10, 26, h, m, s).getTime();
    const fake = await openActivity([
      { ...note(1, 'SG1-0001', 'customer called'), at: at(9, 0, 5) },
      { ...note(2, 'SG1-0001', 'battery restarted'), at: at(9, 30, 20) },
      { ...note(3, 'SG1-0001', 'later'), at: at(9, 45, 0) },
    ]);
    await waitFor(() => expect(summaries()).toHaveLength(3));
    expect(formatDateTime(at(9, 30, 20))).toBe('2026-11-26 09:30');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-26T09:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-11-26T09:30' } });
    await waitFor(() => expect(summaries()).toEqual(['Note: battery restarted', 'Note: customer called']));
    const filter = { from: at(9, 0, 0), to: at(9, 31, 0) };
    expect(fake.state.activity.queries.at(-1)?.filter).toEqual(filter);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(fake.state.activity.exports).toEqual([filter]);
    expect(await downloads[0]?.text()).toBe(
      'seq,summary\r\n2,Note: battery restarted\r\n1,Note: customer called',
    );
  });

  it('says how far a long export got while its parts arrive', async () => {
    const downloads = stubDownloads();
    const fake = await openActivity([note(1, 'SG1-0001', 'a'), note(2, 'SG1-0001', 'b')]);
    await waitFor(() => expect(summaries()).toHaveLength(2));
    // The first part is answered; the second waits until released.
    const releaseFirst = fake.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    releaseFirst();
    const releaseSecond = fake.hold();
    expect((await screen.findByTestId('activity-export-progress')).textContent).toBe(
      'Exporting 1 of 2 entries…',
    );
    expect(downloads).toHaveLength(0);
    releaseSecond();
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(screen.queryByTestId('activity-export-progress')).toBeNull();
    expect(await downloads[0]?.text()).toBe('seq,summary\r\n2,Note: b\r\n1,Note: a');
  });

  it('shows new entries on top without a reload, keeping older pages loaded', async () => {
    const journal = Array.from({ length: 5 }, (_, i) => note(i + 1, 'SG1-0001', `n${i + 1}`));
    const fake = await openActivity(journal, 2);
    await waitFor(() => expect(summaries()).toEqual(['Note: n5', 'Note: n4']));
    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await waitFor(() => expect(summaries()).toEqual(['Note: n5', 'Note: n4', 'Note: n3', 'Note: n2']));
    expect(fake.state.activity.queries.at(-1)?.cursor).toBe(4);
    journal.push(note(6, 'SG1-0001', 'n6'));
    act(() => fake.emit('activity.changed', { lastSeq: 6 }));
    await waitFor(() =>
      expect(summaries()).toEqual(['Note: n6', 'Note: n5', 'Note: n4', 'Note: n3', 'Note: n2']),
    );
    expect(screen.getByTestId('activity-match-count').textContent).toBe(
      'Showing 5 of 6 entries, newest first',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await waitFor(() => expect(summaries()).toHaveLength(6));
    expect(screen.queryByRole('button', { name: 'Load older entries' })).toBeNull();
  });

  it('says so when nothing was recorded yet', async () => {
    await openActivity([]);
    expect(await screen.findByText('No activity recorded yet')).toBeTruthy();
  });

  it('says when nothing matches and offers to clear the filters', async () => {
    await openActivity([note(1, 'SG1-0001', 'a')]);
    await waitFor(() => expect(summaries()).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Search activity'), { target: { value: 'nothing like this' } });
    expect(await screen.findByText('No entry matches these filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(summaries()).toHaveLength(1));
  });

  it('shows why loading failed and loads again on retry', async () => {
    window.location.hash = '#/activity';
    const fake = createFakeApi();
    fake.state.activity.rows = [note(1, 'SG1-0001', 'a')];
    fake.failNext('activity.query', { code: 'internal', message: 'the journal could not be read' });
    await renderApp(fake);
    expect((await screen.findByRole('alert')).textContent).toContain('the journal could not be read');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(summaries()).toEqual(['Note: a']));
  });
});
