/**
 * Excel opens a CSV file without a byte order mark in the system's ANSI code page, which turned
 * "Gérard Dupré" into "GÃ©rard DuprÃ©". Every CSV file the UI offers starts with the UTF-8 mark.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadParts } from '../../renderer/src/lib/download';
import { createFakeApi } from './fake-api';
import { fleetRow } from './fixtures';
import { renderApp } from './render-app';
import { stubDownloads, type Download } from './stub-downloads';

const UTF8_BOM_BYTES = [0xef, 0xbb, 0xbf];
const firstBytes = async (download: Download | undefined, n = 3) => [
  ...(await download!.bytes()).slice(0, n),
];

afterEach(() => vi.restoreAllMocks());

async function openFleet() {
  const rows = [fleetRow({ customerName: 'Gérard Dupré', address: 'Rue de Liège 3, 4000 Liège, BE' })];
  window.location.hash = '#/fleet';
  await renderApp(createFakeApi({ fleet: rows }));
}

describe('CSV files opened in Excel', () => {
  it('"Export view (CSV)" marks the file as UTF-8, so accented names and addresses read right', async () => {
    const downloads = stubDownloads();
    await openFleet();
    fireEvent.click(await screen.findByRole('button', { name: 'Export view (CSV)' }));
    expect(downloads).toHaveLength(1);
    expect(await firstBytes(downloads[0])).toEqual(UTF8_BOM_BYTES);
    // Read as UTF-8, the mark is not part of the text: the header and the names are as they were.
    const text = await downloads[0]!.text();
    expect(text.startsWith('serial,')).toBe(true);
    expect(text).toContain('Gérard Dupré,"Rue de Liège 3, 4000 Liège, BE"');
  });

  it('the core’s exports are marked too', async () => {
    const downloads = stubDownloads();
    await openFleet();
    fireEvent.click(await screen.findByRole('button', { name: 'Export all installations (CSV)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(await firstBytes(downloads[0])).toEqual(UTF8_BOM_BYTES);
    expect(await downloads[0]!.text()).toBe('serial\r\nSG1-0001');
  });

  it('a file downloaded in parts (the Activity export) carries the mark once, at its start', async () => {
    const downloads = stubDownloads();
    downloadParts('activity.csv', ['seq,summary', '\r\n2,Note: é']);
    downloadParts('again.csv', ['\uFEFFseq', '\r\n1']);
    expect(await firstBytes(downloads[0], 4)).toEqual([...UTF8_BOM_BYTES, 's'.charCodeAt(0)]);
    expect(await downloads[0]!.text()).toBe('seq,summary\r\n2,Note: é');
    // Text that already starts with it is not marked twice.
    expect(await firstBytes(downloads[1], 4)).toEqual([...UTF8_BOM_BYTES, 's'.charCodeAt(0)]);
  });

  it('a file that is not CSV is handed out as it is', async () => {
    const downloads = stubDownloads();
    downloadParts('backup.json', ['{}'], 'application/json');
    expect(await firstBytes(downloads[0], 2)).toEqual([0x7b, 0x7d]);
  });
});
