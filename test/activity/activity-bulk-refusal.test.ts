import { describe, expect, it } from 'vitest';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { openActivity, T0 } from './fixtures';

/** A bulk send to three homes that the core refused before publishing (one entry naming all targets). */
const drafts: JournalDraft[] = [
  { type: 'note.added', at: T0, actor: 'Ann', serial: 'SG1-0002', text: 'customer phoned' },
  {
    type: 'command.refused',
    at: T0 + 60_000,
    actor: 'Ann',
    targets: ['SG1-0001', 'SG1-0002', 'SG1-0003'],
    code: 'not-sent',
    reason: 'the installation is offboarded: control is no longer possible',
    rolloutId: 'ro-1',
  },
];

describe('Activity filtered by one installation', () => {
  it('lists a bulk command refused for that installation, as its timeline does', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(drafts);
    const page = await activity.query({ filter: { serial: 'SG1-0002' } });
    expect(page.rows.map((r) => r.type)).toEqual(['command.refused', 'note.added']);
  });

  it('exports that refusal in the CSV of the installation, naming every installation refused', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(drafts);
    const part = await activity.exportCsv({ serial: 'SG1-0002' });
    const refusal = part.csv.split('\n').find((line) => line.includes('command.refused'));
    expect(refusal).toContain(',SG1-0001 SG1-0002 SG1-0003,');
  });
});
