import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { indexUnlinkedContracts, jumpTargets } from '../../renderer/src/features/jump/jump-targets';
import { indexRow } from '../../renderer/src/features/fleet/fleet-model';
import { createFakeApi } from './fake-api';
import { contractRow, fleetRow, manyRows } from './fixtures';
import { renderApp } from './render-app';

const PAGES = [
  { path: 'fleet', label: 'Fleet' },
  { path: 'settings', label: 'Settings' },
];

describe('jump targets', () => {
  const entries = [
    fleetRow({ serial: 'SG1-000123', contractNumber: 'C-2026-0042', customerName: 'An Janssens' }),
    fleetRow({ serial: 'SG1-001230', contractNumber: 'C-2026-0043', customerName: 'Bart Peeters' }),
    fleetRow({ serial: 'SG1-000999', contractNumber: 'C-2026-0123', customerName: 'Cis Wouters' }),
  ].map(indexRow);

  it('finds a serial, a contract number or a customer, the exact one first', () => {
    expect(jumpTargets('sg1-001230', PAGES, entries).map((t) => t.label)).toEqual(['SG1-001230']);
    expect(jumpTargets('C-2026-0042', PAGES, entries)[0]).toMatchObject({
      label: 'SG1-000123',
      href: '#/installation/SG1-000123',
    });
    expect(jumpTargets('janssens', PAGES, entries).map((t) => t.label)).toEqual(['SG1-000123']);
    // In two serials and a contract, none exact nor a serial's start: the fleet's order stays.
    expect(jumpTargets('123', PAGES, entries).map((t) => t.label)).toEqual([
      'SG1-000123',
      'SG1-001230',
      'SG1-000999',
    ]);
    // The exact serial before one that merely starts with it, whatever the fleet's order.
    const longer = indexRow(fleetRow({ serial: 'SG1-0001234', contractNumber: null, customerName: null }));
    expect(jumpTargets('SG1-000123', PAGES, [longer, ...entries]).map((t) => t.label)).toEqual([
      'SG1-000123',
      'SG1-0001234',
    ]);
  });

  it('finds contracts no controller is linked to, after the installations, an exact number first', () => {
    const contracts = indexUnlinkedContracts([
      contractRow({ contractNumber: 'C-2026-0042', customerName: 'An Janssens', linkedSerial: 'SG1-000123' }),
      contractRow({
        contractNumber: 'C-2026-0500',
        customerName: 'Dirk Janssens',
        address: 'Veldstraat 3, 9000 Gent',
        linkedSerial: null,
      }),
    ]);
    // The linked contract is found through its installation only.
    expect(jumpTargets('janssens', PAGES, entries, contracts)).toEqual([
      expect.objectContaining({ label: 'SG1-000123' }),
      {
        href: '#/contracts?contract=C-2026-0500',
        label: 'C-2026-0500',
        detail: 'contract, not linked · Dirk Janssens · Veldstraat 3, 9000 Gent',
      },
    ]);
    expect(jumpTargets('veldstraat gent', PAGES, entries, contracts).map((t) => t.label)).toEqual([
      'C-2026-0500',
    ]);
    // Accents need not be typed, nor typed right: "liege" and "LIÈGE" find Liège.
    const liege = indexUnlinkedContracts([
      contractRow({
        contractNumber: 'C-2026-0600',
        address: 'Rue Féronstrée 1, 4000 Liège',
        linkedSerial: null,
      }),
    ]);
    expect(jumpTargets('liege', PAGES, [], liege).map((t) => t.label)).toEqual(['C-2026-0600']);
    expect(jumpTargets('feronstree LIÈGE', PAGES, [], liege).map((t) => t.label)).toEqual(['C-2026-0600']);
    // Its exact number comes before installations that merely contain it.
    const near = indexRow(fleetRow({ serial: 'SG1-000777', contractNumber: 'C-2026-05001' }));
    expect(jumpTargets('c-2026-0500', PAGES, [near], contracts).map((t) => t.label)).toEqual([
      'C-2026-0500',
      'SG1-000777',
    ]);
  });

  it('finds pages by name, lists at most eight installations, and nothing for an empty query', () => {
    expect(jumpTargets('sett', PAGES, entries)).toEqual([
      { href: '#/settings', label: 'Settings', detail: 'page' },
    ]);
    expect(jumpTargets('sg1', PAGES, manyRows(50).map(indexRow))).toHaveLength(8);
    expect(jumpTargets('  ', PAGES, entries)).toEqual([]);
  });
});

describe('the Jump to palette', () => {
  it('opens with Ctrl+K from anywhere and goes to the installation picked with the keyboard', async () => {
    window.location.hash = '#/settings';
    await renderApp(createFakeApi({ fleet: manyRows(20) }));
    await screen.findByRole('heading', { name: 'Settings', level: 2 });
    fireEvent.keyDown(document.documentElement, { key: 'k', code: 'KeyK', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Jump to' });
    const input = within(dialog).getByPlaceholderText(/SG1-000123/);
    fireEvent.change(input, { target: { value: 'SG1-00007' } });
    await within(dialog).findByRole('option', { name: /SG1-00007/ });
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/installation/SG1-00007'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Jump to' })).toBeNull());
  });

  it('opens the best result on Enter right after typing, as the README says', async () => {
    window.location.hash = '#/fleet';
    await renderApp(createFakeApi({ fleet: manyRows(20) }));
    const { dialog, input } = await openPalette();
    fireEvent.change(input, { target: { value: 'SG1-00007' } });
    await within(dialog).findByRole('option', { name: /SG1-00007/ });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/installation/SG1-00007'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Jump to' })).toBeNull());
  });

  it('highlights the first result as the operator types, and the arrows move the highlight', async () => {
    window.location.hash = '#/fleet';
    await renderApp(createFakeApi({ fleet: manyRows(20) }));
    const { dialog, input } = await openPalette();
    fireEvent.change(input, { target: { value: 'SG1-0000' } });
    await within(dialog).findByRole('option', { name: /SG1-00000/ });
    const options = () => within(dialog).getAllByRole('option');
    const highlighted = () => within(dialog).getByRole('option', { selected: true });
    // The best result, announced to a screen reader while the focus stays in the input.
    expect(highlighted()).toBe(options()[0]);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    expect(highlighted()).toBe(options()[1]);
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    // Typing more starts again from the best result.
    fireEvent.change(input, { target: { value: 'SG1-0001' } });
    await waitFor(() => expect(highlighted()).toBe(options()[0]));
    // Up from the first wraps to the last.
    fireEvent.keyDown(input, { key: 'ArrowUp', code: 'ArrowUp' });
    const last = options().at(-1);
    expect(highlighted()).toBe(last);
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    const serial = last?.querySelector('p')?.textContent;
    await waitFor(() => expect(window.location.hash).toBe(`#/installation/${serial}`));
  });

  it('lists the results under the input inside the dialog, not in a floating dropdown', async () => {
    window.location.hash = '#/fleet';
    await renderApp(createFakeApi({ fleet: manyRows(20) }));
    const { dialog, input } = await openPalette();
    fireEvent.change(input, { target: { value: 'SG1' } });
    await within(dialog).findAllByRole('option');
    const list = within(dialog).getByRole('listbox', { name: 'Results' });
    expect(input.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // A dropdown positioned over the dialog was clipped by it (and flipped above the input).
    for (let node: HTMLElement | null = list; node && node !== dialog; node = node.parentElement)
      expect(['absolute', 'fixed']).not.toContain(node.style.position);
    // Clicking a result opens it too.
    fireEvent.click(within(list).getByRole('option', { name: /SG1-00003/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/installation/SG1-00003'));
  });

  it('opens from the header button too, and says when nothing matches', async () => {
    window.location.hash = '#/fleet';
    await renderApp(createFakeApi({ fleet: manyRows(5) }));
    fireEvent.click(await screen.findByRole('button', { name: /Jump to/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Jump to' });
    fireEvent.change(within(dialog).getByPlaceholderText(/SG1-000123/), {
      target: { value: 'no such thing' },
    });
    expect(await within(dialog).findByText('Nothing matches.')).toBeTruthy();
  });

  it('opens a contract no controller is linked to on the Contracts page, searched for', async () => {
    window.location.hash = '#/fleet';
    const contracts = [
      contractRow({ contractNumber: 'C-7001', customerName: 'Els Vermeulen', linkedSerial: null }),
      contractRow({ contractNumber: 'C-7002', customerName: 'Frank Maes', linkedSerial: null }),
    ];
    await renderApp(createFakeApi({ fleet: manyRows(5), contracts }));
    fireEvent.click(await screen.findByRole('button', { name: /Jump to/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Jump to' });
    const input = within(dialog).getByPlaceholderText(/SG1-000123/);
    fireEvent.change(input, { target: { value: 'vermeulen' } });
    await within(dialog).findByRole('option', { name: /C-7001.*not linked/ });
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/contracts?contract=C-7001'));
    const list = await screen.findByRole('region', { name: 'All contracts' });
    const search = await within(list).findByLabelText<HTMLInputElement>('Search contracts');
    expect(search.value).toBe('C-7001');
    await waitFor(() => expect(within(list).getAllByTestId('contract-row')).toHaveLength(1));
    expect(within(list).getByTestId('contract-row').textContent).toContain('Els Vermeulen');
  });
});

async function openPalette() {
  fireEvent.click(await screen.findByRole('button', { name: /Jump to/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Jump to' });
  const input = within(dialog).getByPlaceholderText<HTMLInputElement>(/SG1-000123/);
  return { dialog, input };
}
