import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { T0, manyRows } from './fixtures';
import { renderApp } from './render-app';

const TOKEN = { id: 't-9', label: 'Eniris production', serial: null, createdAt: '2025-01-02T12:00:00.000Z' };
const BACKUP = { path: '/data/backups/fleetdesk-20250102.json', at: T0, bytes: 4096 };

/** Each dialog an operator can open, and how. */
const DIALOGS: Array<{ name: string; open(): Promise<void> }> = [
  {
    name: 'Restore this backup?',
    open: async () => {
      const backups = await screen.findByRole('table', { name: 'Backups' });
      fireEvent.click(within(backups).getByRole('button', { name: 'Restore' }));
    },
  },
  {
    name: 'Revoke this token?',
    open: async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Revoke Eniris production' }));
    },
  },
  {
    name: 'Jump to',
    open: async () => {
      fireEvent.click(await screen.findByRole('button', { name: /Jump to/ }));
    },
  },
];

describe('dialogs', () => {
  it.each(DIALOGS)('$name has a close button named Close, which closes it', async ({ name, open }) => {
    window.location.hash = '#/settings';
    await renderApp(createFakeApi({ tokens: [TOKEN], backups: [BACKUP], fleet: manyRows(3) }));
    await open();
    const dialog = await screen.findByRole('dialog', { name });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name })).toBeNull());
  });

  it('are all built on the shared Dialog, which names the close button', () => {
    // A Modal used directly would bring back an unnamed close button.
    const root = join(__dirname, '../../renderer/src');
    const direct = sourceFiles(root).filter(
      (file) =>
        !file.endsWith(join('components', 'dialog.tsx')) &&
        /import\s*{[^}]*\b(Modal|Drawer)\b[^}]*}\s*from\s*'@mantine\/core'/.test(readFileSync(file, 'utf8')),
    );
    expect(direct).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
