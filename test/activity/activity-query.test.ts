import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityFilter, ActivityPage } from '../../shared/contract/activity-methods';
import { mixedDrafts, notes, openActivity, T0 } from './fixtures';

const seqs = (page: ActivityPage) => page.rows.map((r) => r.seq);

describe('activity query', () => {
  async function mixed() {
    const opened = await openActivity();
    await opened.journal.append(mixedDrafts());
    const query = (filter: ActivityFilter) => opened.activity.query({ filter });
    return { ...opened, query };
  }

  it('lists every entry newest first, each with a summary in words and the raw entry', async () => {
    const { query } = await mixed();
    const page = await query({});
    expect(seqs(page)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.total).toBe(9);
    expect(page.nextCursor).toBeNull();
    const command = page.rows.find((r) => r.type === 'command.created');
    expect(command?.summary).toBe('Command cmd-1: storage discharge 5000 W (reason: peak shaving)');
    expect(command?.category).toBe('control');
    // The exact bytes that went out, for the details view.
    expect(command?.entry).toMatchObject({
      topic: 'standard1/rp_one_s/remoteControl/SG1-0001',
      payload: '{"storage":{"policy":"discharge","setpoint":5000}}',
    });
    const refused = page.rows.find((r) => r.type === 'callback.refused');
    expect(refused?.summary).toBe('Refused call to /v1/health: invalid body');
    expect(refused?.entry).toMatchObject({ rawBody: '{"serialNumber":"SG1-0002","status":42}' });
    expect(page.rows.find((r) => r.type === 'signal.seen')?.summary).toBe('Seen on MQTT');
    expect(page.rows.find((r) => r.type === 'rollout.started')?.summary).toBe(
      'Rollout ro-1 started: solar curtail to 2 installations in 1 batch (reason: grid operator request)',
    );
  });

  it('filters by category, actor, serial, time range and free text, alone and together', async () => {
    const { query } = await mixed();
    expect(seqs(await query({ categories: ['callbacks'] }))).toEqual([3, 1]);
    expect(seqs(await query({ categories: ['control', 'notes'] }))).toEqual([9, 7, 6, 4]);
    expect(seqs(await query({ categories: ['data'] }))).toEqual([8]);
    expect(seqs(await query({ actor: 'Grace' }))).toEqual([6, 4]);
    expect(seqs(await query({ actor: 'mqtt' }))).toEqual([7, 5]);
    expect(seqs(await query({ actor: 'token:tok1' }))).toEqual([3, 1]);
    expect(seqs(await query({ actor: 'nobody' }))).toEqual([]);
    // Serial: exact, whatever the case; entries that name no serial never match one.
    expect(seqs(await query({ serial: 'sg1-0002' }))).toEqual([4, 3]);
    expect(seqs(await query({ serial: 'SG1-000' }))).toEqual([]);
    // Time: from inclusive, to exclusive.
    expect(seqs(await query({ from: T0 + 2 * 60_000, to: T0 + 5 * 60_000 }))).toEqual([5, 4, 3]);
    // Free text: every word somewhere in the summary, serial, actor or type.
    expect(seqs(await query({ text: 'battery' }))).toEqual([4]);
    expect(seqs(await query({ text: 'GRACE discharge' }))).toEqual([6]);
    expect(seqs(await query({ text: 'refused 0002' }))).toEqual([3]);
    expect(seqs(await query({ text: 'rollout' }))).toEqual([9]);
    const both = await query({ serial: 'SG1-0001', categories: ['control'], actor: 'mqtt' });
    expect(seqs(both)).toEqual([7]);
    expect(both.total).toBe(1);
  });

  it('pages with a cursor: no entry twice, none left out, and says how many match', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(notes(25));
    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await activity.query({
        filter: { serial: 'SG1-0009' },
        limit: 10,
        ...(cursor && { cursor }),
      });
      expect(page.total).toBe(25);
      seen.push(...seqs(page));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('keeps a cursor pointing at the same entries while new ones arrive', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(notes(10));
    const first = await activity.query({ filter: {}, limit: 4 });
    expect(seqs(first)).toEqual([10, 9, 8, 7]);
    await journal.append(notes(5, 'SG1-0009', T0 + 7_200_000));
    const second = await activity.query({ filter: {}, limit: 4, cursor: first.nextCursor ?? 0 });
    expect(seqs(second)).toEqual([6, 5, 4, 3]);
    expect(second.total).toBe(15);
    // The newest page, fetched again, shows what arrived on top.
    expect(seqs(await activity.query({ filter: {}, limit: 4 }))).toEqual([15, 14, 13, 12]);
  });

  it('follows the journal across segments as it grows', async () => {
    const { journal, activity, journalDir } = await openActivity({ maxSegmentBytes: 2_000 });
    await journal.append(notes(30));
    expect((await activity.query({ filter: {} })).total).toBe(30);
    for (const draft of notes(30, 'SG1-0010', T0 + 7_200_000)) await journal.append([draft]);
    const page = await activity.query({ filter: { serial: 'SG1-0010' }, limit: 100 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.summary).slice(0, 2)).toEqual(['Note: note 30', 'Note: note 29']);
    expect(page.rows.at(-1)?.summary).toBe('Note: note 1');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(journalDir)).length).toBeGreaterThan(3);
  });

  it('drops the rows of archived segments and goes on following the live journal', async () => {
    const { journal, activity } = await openActivity({ maxSegmentBytes: 2_000 });
    for (const draft of notes(40)) await journal.append([draft]);
    expect((await activity.query({ filter: {} })).total).toBe(40);
    const archived = await journal.archiveOld({
      coveredSeq: journal.lastSeq,
      olderThan: Number.POSITIVE_INFINITY,
      maxOnlineBytes: 0,
      now: T0,
    });
    expect(archived.length).toBeGreaterThan(0);
    activity.archived(archived.at(-1)?.segment ?? 0);
    const page = await activity.query({ filter: {}, limit: 100 });
    // Exactly the entries after the archive: none lost in between, none read from a file now gone.
    expect(page.total).toBe(40 - (archived.at(-1)?.lastSeq ?? 0));
    expect(page.rows.at(-1)?.seq).toBe((archived.at(-1)?.lastSeq ?? 0) + 1);
    expect(page.rows[0]?.summary).toBe('Note: note 40');
    // New entries keep arriving after the drop; the serial and text filters still work.
    await journal.append(notes(1, 'SG1-0010', T0 + 9_000_000));
    const after = await activity.query({ filter: { serial: 'SG1-0010' } });
    expect(after.rows.map((r) => r.summary)).toEqual(['Note: note 1']);
    expect((await activity.query({ filter: { text: 'note 39' } })).total).toBe(1);
  });

  it('lists the actors, most active first', async () => {
    const { activity, journal } = await mixed();
    await journal.append(notes(2));
    const { actors } = await activity.facets();
    expect(actors[0]).toEqual({ actor: 'Grace', count: 4 });
    expect(actors.map((a) => a.actor).sort()).toEqual(['Ann', 'Grace', 'auto', 'mqtt', 'token:tok1']);
  });

  it('says how many lines it could not read instead of leaving them out silently', async () => {
    const { journal, activity, journalDir } = await openActivity();
    await journal.append(notes(2));
    // Damage as a disk or an editor might leave it: a line that is not an entry.
    await appendFile(join(journalDir, '000001.jsonl'), '{"hash":"broken\n');
    await journal.append(notes(1, 'SG1-0010'));
    const page = await activity.query({ filter: {} });
    expect(seqs(page)).toEqual([3, 2, 1]);
    expect(page.unreadable).toBe(1);
  });
});
