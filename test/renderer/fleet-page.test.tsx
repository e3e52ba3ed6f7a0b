import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi } from './fake-api';
import { countersOf, fleetRow, manyRows } from './fixtures';
import { renderApp } from './render-app';
import { stubDownloads } from './stub-downloads';

const rows = () => screen.queryAllByTestId('fleet-row');
const matchCount = () => screen.getByTestId('fleet-match-count').textContent;
const search = (value: string) =>
  fireEvent.change(screen.getByLabelText('Search installations'), { target: { value } });
const choose = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
/**
 * Picks an option as a browser does: choosing the one a <select> already shows fires no change event
 * (fireEvent.change fires one whatever the value, which would hide a stale selection).
 */
function pickLikeABrowser(label: string, value: string) {
  const select = screen.getByLabelText(label) as HTMLSelectElement;
  if (select.value === value) return;
  fireEvent.change(select, { target: { value } });
}
const counter = (key: string) => document.querySelector(`[data-stat="${key}"] dd`)?.textContent;

async function openFleet(fleet = manyRows(50)) {
  const fake = createFakeApi({ fleet });
  await renderApp(fake);
  await screen.findAllByTestId('fleet-row');
  return fake;
}

describe('fleet page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the counters and a row per installation', async () => {
    const fleet = manyRows(12); // few enough that all are in view
    await openFleet(fleet);
    const counters = countersOf(fleet);
    expect(counter('installations')).toBe('12');
    expect(counter('pending')).toBe(String(counters.pending));
    expect(counter('unhealthy')).toBe(String(counters.unhealthy));
    expect(rows()).toHaveLength(12);
    expect(matchCount()).toBe('12 of 12');
    const first = rows().find((r) => r.textContent?.includes('SG1-00009'));
    expect(first?.textContent).toContain('Customer 9');
    expect(first?.textContent).toContain('inverter offline');
  });

  it('counts and shows installations in fallback, and filters them', async () => {
    const fleet = [
      fleetRow({ serial: 'SG1-0001', fallbackSince: Date.UTC(2025, 0, 2, 11, 0) }),
      fleetRow({ serial: 'SG1-0002', underControl: true, control: 'held' }),
      fleetRow({ serial: 'SG1-0003' }),
    ];
    await openFleet(fleet);
    expect(counter('inFallback')).toBe('1');
    const text = (serial: string) => rows().find((r) => r.textContent?.includes(serial))?.textContent;
    expect(text('SG1-0001')).toContain('fallback');
    expect(text('SG1-0002')).toContain('Held');
    expect(text('SG1-0003')).toContain('local');
    choose('Control', 'fallback');
    await waitFor(() => expect(matchCount()).toBe('1 of 3'));
    choose('Control', 'local');
    await waitFor(() => expect(matchCount()).toBe('1 of 3'));
    expect(rows()[0]?.textContent).toContain('SG1-0003');
  });

  it('shows a released or unheld command as under control until it returns to local control', async () => {
    const localBy = new Date(2025, 0, 2, 4, 29, 10).getTime();
    const fleet = [
      fleetRow({ serial: 'SG1-0001', underControl: true, control: 'releasing', localBy }),
      fleetRow({ serial: 'SG1-0002', underControl: true, control: 'unheld', localBy }),
      fleetRow({ serial: 'SG1-0003' }),
    ];
    await openFleet(fleet);
    const text = (serial: string) => rows().find((r) => r.textContent?.includes(serial))?.textContent;
    expect(text('SG1-0001')).toContain('releasing until 04:29:10');
    expect(text('SG1-0002')).toContain('command until 04:29:10');
    expect(text('SG1-0001')).not.toContain('local');
    expect(text('SG1-0002')).not.toContain('local');
    expect(counter('underControl')).toBe('2');
    choose('Control', 'local');
    await waitFor(() => expect(matchCount()).toBe('1 of 3'));
    expect(rows()[0]?.textContent).toContain('SG1-0003');
  });

  it('says why a stale installation is stale', async () => {
    const fleet = [
      fleetRow({ serial: 'SG1-0001', health: 'stale', overdue: 'mqtt' }),
      fleetRow({ serial: 'SG1-0002', health: 'stale', overdue: 'health' }),
      fleetRow({ serial: 'SG1-0003' }),
    ];
    await openFleet(fleet);
    const text = (serial: string) => rows().find((r) => r.textContent?.includes(serial))?.textContent;
    expect(text('SG1-0001')).toContain('MQTT feedback stopped');
    expect(text('SG1-0002')).toContain('health calls stopped');
    expect(text('SG1-0003')).not.toMatch(/no (MQTT feedback|health calls)/);
  });

  it('shows which installations Fleetdesk holds, and their state of charge', async () => {
    const fleet = manyRows(6).map((r, i) => ({
      ...r,
      underControl: i < 2,
      control: i < 2 ? ('held' as const) : ('local' as const),
      socPct: i === 5 ? null : 40 + i,
    }));
    await openFleet(fleet);
    expect(counter('underControl')).toBe('2');
    const held = rows().filter((r) => r.textContent?.includes('Held'));
    expect(held).toHaveLength(2);
    const byserial = (serial: string) => rows().find((r) => r.textContent?.includes(serial));
    expect(byserial(fleet[0]!.serial)?.textContent).toContain('40 %');
    expect(byserial(fleet[5]!.serial)?.textContent).toContain('local');
    fireEvent.change(screen.getByLabelText('Control'), { target: { value: 'held' } });
    await waitFor(() => expect(matchCount()).toBe('2 of 6'));
    expect(rows().every((r) => r.textContent?.includes('Held'))).toBe(true);
  });

  it('searches serial, contract, customer and address, and says how many match', async () => {
    await openFleet();
    search('antwerpen');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    expect(rows()).toHaveLength(10);
    expect(rows().every((r) => r.textContent?.includes('Antwerpen'))).toBe(true);
    search('C-10012');
    await waitFor(() => expect(matchCount()).toBe('1 of 50'));
    expect(rows()[0]?.textContent).toContain('SG1-00012');
    search('customer 3 brugge'); // every term must match somewhere: customers 30-39 living in Brugge
    await waitFor(() => expect(matchCount()).toBe('2 of 50'));
    expect(
      rows()
        .map((r) => r.querySelector('a')?.textContent)
        .sort(),
    ).toEqual(['SG1-00032', 'SG1-00037']);
  });

  it('filters by health and by linked', async () => {
    await openFleet();
    choose('Health', 'error');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    expect(rows().every((r) => within(r).queryByText('Error'))).toBe(true);
    choose('Linked', 'unlinked');
    await waitFor(() => expect(matchCount()).toBe('1 of 50')); // 49 is the only unlinked error row
    expect(rows()[0]?.textContent).toContain('SG1-00049');
  });

  it('puts the worst installations first by default', async () => {
    await openFleet([
      fleetRow({ serial: 'SG1-A-OK', health: 'ok' }),
      fleetRow({ serial: 'SG1-B-WARN', health: 'warning' }),
      fleetRow({ serial: 'SG1-C-LINKED-ERR', health: 'error' }),
      fleetRow({ serial: 'SG1-D-STALE', health: 'stale' }),
      fleetRow({ serial: 'SG1-E-PENDING-ERR', health: 'error', onboarding: 'pending', contractNumber: null }),
    ]);
    const order = rows().map((r) => r.querySelector('a')?.textContent);
    expect(order).toEqual(['SG1-E-PENDING-ERR', 'SG1-C-LINKED-ERR', 'SG1-D-STALE', 'SG1-B-WARN', 'SG1-A-OK']);
  });

  it('sorts by a column when its header is clicked, and back to worst-first on the third click', async () => {
    await openFleet([
      fleetRow({ serial: 'SG1-B', health: 'ok' }),
      fleetRow({ serial: 'SG1-A', health: 'ok' }),
      fleetRow({ serial: 'SG1-C', health: 'error' }),
    ]);
    const serials = () => rows().map((r) => r.querySelector('a')?.textContent);
    const header = screen.getByRole('button', { name: /Serial/ });
    fireEvent.click(header);
    expect(serials()).toEqual(['SG1-A', 'SG1-B', 'SG1-C']);
    expect(screen.getByRole('columnheader', { name: /Serial/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(header);
    expect(serials()).toEqual(['SG1-C', 'SG1-B', 'SG1-A']);
    fireEvent.click(header);
    expect(serials()).toEqual(['SG1-C', 'SG1-A', 'SG1-B']);
  });

  it('keeps a column sort while searching, and exports the sorted, searched view', async () => {
    const downloads = stubDownloads();
    await openFleet();
    const serials = () => rows().map((r) => r.querySelector('a')?.textContent);
    const header = screen.getByRole('button', { name: /Serial/ });
    fireEvent.click(header);
    fireEvent.click(header); // descending
    search('gent');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    const expected = ['SG1-00045', 'SG1-00040', 'SG1-00035', 'SG1-00030', 'SG1-00025']; // Gent: every fifth
    expect(serials().slice(0, 5)).toEqual(expected);
    fireEvent.click(screen.getByRole('button', { name: 'Export view (CSV)' }));
    const lines = (await downloads[0]!.text()).trim().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines.slice(1, 6).map((line) => line.split(',')[0])).toEqual(expected);
    search('');
    await waitFor(() => expect(matchCount()).toBe('50 of 50'));
    expect(serials()[0]).toBe('SG1-00049'); // still sorted descending
  });

  it('updates a row that is in view when its installation changes, under a search', async () => {
    const fleet = manyRows(50);
    const fake = await openFleet(fleet);
    search('SG1-0001');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    const changed = fleetRow({ ...fleet[12], health: 'error', errorCount: 1, firstError: 'grid meter lost' });
    act(() => fake.emit('fleet.changed', { upserts: [changed], counters: countersOf(fleet) }));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('grid meter lost'));
    expect(rows()[0]?.querySelector('a')?.textContent).toBe('SG1-00012');
    expect(matchCount()).toBe('10 of 50');
  });

  it('merges a fleet.changed upsert into its row and takes the new counters, without reloading', async () => {
    const fleet = manyRows(5);
    const fake = await openFleet(fleet);
    const changed = fleetRow({ ...fleet[2], health: 'error', errorCount: 2, firstError: 'battery too hot' });
    const added = fleetRow({ serial: 'SG1-NEW', health: 'ok' });
    const counters = { ...countersOf(fleet), installations: 6, unhealthy: 9 };
    act(() => fake.emit('fleet.changed', { upserts: [changed, added], counters }));
    await waitFor(() => expect(matchCount()).toBe('6 of 6'));
    expect(rows()[0]?.textContent).toContain('battery too hot'); // now the worst, so on top
    expect(counter('unhealthy')).toBe('9');
    expect(fake.calls.filter((c) => c.method === 'fleet.list')).toHaveLength(1);
  });

  it('saves a search and filters under a name, and brings them back when picked', async () => {
    const fake = await openFleet();
    search('gent');
    choose('Health', 'ok'); // Gent is every fifth row; half of those are ok
    fireEvent.click(screen.getByRole('button', { name: 'Save current filter…' }));
    fireEvent.change(screen.getByLabelText('Filter name'), { target: { value: 'Healthy in Gent' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save filter' }));
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    // Kept in the core's settings (the data folder), not in this browser.
    await waitFor(() =>
      expect(fake.state.settings.savedFilters).toEqual([
        {
          name: 'Healthy in Gent',
          filter: { search: 'gent', onboarding: 'any', health: 'ok', linked: 'any', control: 'any' },
        },
      ]),
    );
    expect(window.localStorage.getItem('fleetdesk.fleet.savedFilters')).toBeNull();

    search('');
    choose('Health', 'any');
    await waitFor(() => expect(matchCount()).toBe('50 of 50'));
    pickLikeABrowser('Saved filters', 'Healthy in Gent');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    expect((screen.getByLabelText('Search installations') as HTMLInputElement).value).toBe('gent');
    expect((screen.getByLabelText('Health') as HTMLSelectElement).value).toBe('ok');
  });

  it('brings a saved filter back when picked again after the filters were changed by hand', async () => {
    const fake = createFakeApi({
      fleet: manyRows(50),
      settings: {
        savedFilters: [
          {
            name: 'Healthy in Gent',
            filter: { search: 'gent', onboarding: 'any', health: 'ok', linked: 'any', control: 'any' },
          },
        ],
      },
    });
    await renderApp(fake);
    await screen.findAllByTestId('fleet-row');
    const menu = () => (screen.getByLabelText('Saved filters') as HTMLSelectElement).value;
    pickLikeABrowser('Saved filters', 'Healthy in Gent');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    // Widened by hand: the menu no longer names a filter the table is not narrowed by…
    choose('Health', 'any');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    expect(menu()).toBe('');
    expect(screen.queryByRole('button', { name: 'Delete saved filter' })).toBeNull();
    // …so picking it again brings it back.
    pickLikeABrowser('Saved filters', 'Healthy in Gent');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    expect((screen.getByLabelText('Health') as HTMLSelectElement).value).toBe('ok');
    // Narrowed to it by hand again: the menu names it.
    choose('Health', 'any');
    choose('Health', 'ok');
    expect(menu()).toBe('Healthy in Gent');
  });

  it('moves filters an earlier build saved in this browser into the settings, once', async () => {
    const legacy = [
      { name: 'Errors', filter: { search: '', onboarding: 'any', health: 'error', linked: 'any' } },
      { name: 'Gent', filter: { search: 'gent', onboarding: 'any', health: 'any', linked: 'any' } },
    ];
    window.localStorage.setItem('fleetdesk.fleet.savedFilters', JSON.stringify(legacy));
    const kept = {
      search: 'gent',
      onboarding: 'linked',
      health: 'any',
      linked: 'any',
      control: 'any',
    } as const;
    const fake = createFakeApi({
      fleet: manyRows(10),
      settings: { savedFilters: [{ name: 'Gent', filter: kept }] },
    });
    await renderApp(fake);
    await screen.findAllByTestId('fleet-row');
    // The settings keep their own "Gent"; the browser's "Errors" joins it.
    await waitFor(() =>
      expect(fake.state.settings.savedFilters).toEqual([
        {
          name: 'Errors',
          filter: { search: '', onboarding: 'any', health: 'error', linked: 'any', control: 'any' },
        },
        { name: 'Gent', filter: kept },
      ]),
    );
    await waitFor(() => expect(window.localStorage.getItem('fleetdesk.fleet.savedFilters')).toBeNull());
    expect(screen.getByRole('option', { name: 'Errors' })).toBeTruthy();
  });

  it('hands the rows in view to the Control page as targets', async () => {
    await openFleet();
    search('gent');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    fireEvent.click(screen.getByRole('button', { name: 'Send a command to these 10…' }));
    await waitFor(() => expect(window.location.hash).toBe('#/control'));
    await waitFor(() => expect(screen.getByTestId('target-count').textContent).toBe('10 targets selected'));
    // Picked once: opening the Control page again later starts with nothing picked.
    window.location.hash = '#/';
    await screen.findByTestId('fleet-match-count');
    window.location.hash = '#/control';
    await waitFor(() => expect(screen.getByTestId('target-count').textContent).toBe('0 targets selected'));
  });

  it('sends a command to the ticked rows only, and ticking a row does not open it', async () => {
    await openFleet(manyRows(12));
    const selection = () => within(screen.getByTestId('fleet-selection')).getByRole('status').textContent;
    expect(selection()).toBe('Tick rows to act on a selection.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SG1-00003' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SG1-00007' }));
    expect(window.location.hash).not.toContain('installation');
    await waitFor(() => expect(selection()).toBe('2 selected'));
    const ticked = rows().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(ticked.map((r) => r.textContent?.match(/SG1-\d+/)?.[0]).sort()).toEqual([
      'SG1-00003',
      'SG1-00007',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Send a command to the 2 selected…' }));
    await waitFor(() => expect(window.location.hash).toBe('#/control'));
    await waitFor(() => expect(screen.getByTestId('target-count').textContent).toBe('2 targets selected'));
  });

  it('keeps the selection across searches and says how much of it is hidden', async () => {
    await openFleet();
    const selection = () => within(screen.getByTestId('fleet-selection')).getByRole('status').textContent;
    search('gent');
    await waitFor(() => expect(matchCount()).toBe('10 of 50'));
    fireEvent.click(screen.getByRole('button', { name: 'Select the 10 in view' }));
    await waitFor(() => expect(selection()).toBe('10 selected'));
    search('');
    await waitFor(() => expect(matchCount()).toBe('50 of 50'));
    expect(selection()).toBe('10 selected');
    choose('Health', 'error');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    const shown = rows().filter((r) => r.getAttribute('aria-selected') === 'true').length;
    expect(selection()).toBe(`10 selected (${10 - shown} not in view)`);
    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    await waitFor(() => expect(selection()).toBe('Tick rows to act on a selection.'));
    expect(screen.queryByRole('button', { name: /selected…/ })).toBeNull();
  });

  it('opens the installation page when a row is clicked', async () => {
    await openFleet(manyRows(3));
    const row = rows().find((r) => r.textContent?.includes('SG1-00001'));
    fireEvent.click(row!);
    await waitFor(() => expect(window.location.hash).toBe('#/installation/SG1-00001'));
  });

  it('exports the current view as CSV, built here', async () => {
    const downloads = stubDownloads();
    const fake = await openFleet();
    choose('Health', 'error');
    await waitFor(() => expect(matchCount()).toBe('5 of 50'));
    fireEvent.click(screen.getByRole('button', { name: 'Export view (CSV)' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.fileName).toMatch(/^fleet-view-\d{8}-\d{4}\.csv$/);
    const lines = (await downloads[0]!.text()).trim().split('\r\n');
    expect(lines).toHaveLength(6); // header + the 5 rows shown
    expect(lines.slice(1).every((line) => line.includes(',error,'))).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'data.exportCsv')).toEqual([]);
  });

  it('exports every installation through the core', async () => {
    const downloads = stubDownloads();
    const fake = await openFleet(manyRows(3));
    fireEvent.click(screen.getByRole('button', { name: 'Export all installations (CSV)' }));
    await waitFor(() => expect(downloads.map((d) => d.fileName)).toEqual(['installations.csv']));
    expect(fake.calls.filter((c) => c.method === 'data.exportCsv').map((c) => c.request)).toEqual([
      { what: 'installations' },
    ]);
  });

  it('renders only the rows in view out of 10,000', async () => {
    await openFleet(manyRows(10_000));
    expect(matchCount()).toBe('10,000 of 10,000');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByRole('table', { name: 'Installations' }).getAttribute('aria-rowcount')).toBe('10001');
  });

  it('says so when there are no installations yet', async () => {
    await renderApp(createFakeApi());
    expect(
      await screen.findByText(/Installations appear here when controllers call the onboarding endpoint/),
    ).toBeTruthy();
  });
});
