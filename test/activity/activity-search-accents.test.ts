import { describe, expect, it } from 'vitest';
import { openActivity, T0 } from './fixtures';

describe('Activity search, folded like every other search', () => {
  it('finds a note about Liège whether the operator types "liege", "Liège" or "LIEGE"', async () => {
    const { journal, activity } = await openActivity();
    await journal.append([
      {
        type: 'note.added',
        at: T0,
        actor: 'Grace',
        serial: 'SG1-0002',
        text: 'Klant uit Liège belde: batterij vervangen op maandag',
      },
      { type: 'note.added', at: T0 + 1, actor: 'Grace', serial: 'SG1-0003', text: 'Klant uit Gent' },
    ]);
    for (const text of ['liege', 'Liège', 'LIEGE', 'liège batterij'])
      expect((await activity.query({ filter: { text } })).total, text).toBe(1);
  });

  it('finds an operator by a name typed without its accents', async () => {
    const { journal, activity } = await openActivity();
    await journal.append([
      { type: 'note.added', at: T0, actor: 'Zoë Maes', serial: 'SG1-0002', text: 'Teruggebeld' },
    ]);
    expect((await activity.query({ filter: { text: 'zoe' } })).total).toBe(1);
  });
});
