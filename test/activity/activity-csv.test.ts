import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { notes, openActivity, T0 } from './fixtures';

const parse = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

describe('activity CSV export', () => {
  it('exports the whole filtered set, not one page, newest first', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(notes(250, 'SG1-0009'));
    await journal.append(notes(40, 'SG1-0010', T0 + 7_200_000));
    const page = await activity.query({ filter: { serial: 'SG1-0009' } });
    expect(page.rows).toHaveLength(100);
    const file = await activity.exportCsv({ serial: 'SG1-0009' });
    expect(file.fileName).toBe('fleetdesk-activity-2026-11-01.csv');
    expect(file.rows).toBe(250);
    const { data, meta } = parse(file.csv);
    expect(meta.fields).toEqual(['seq', 'time', 'category', 'type', 'actor', 'serial', 'summary']);
    expect(data).toHaveLength(250);
    expect(data[0]).toEqual({
      seq: '250',
      time: new Date(T0 + 3_600_000 + 249_000).toISOString(),
      category: 'notes',
      type: 'note.added',
      actor: 'Grace',
      serial: 'SG1-0009',
      summary: 'Note: note 250',
    });
    expect(new Set(data.map((r) => r.serial))).toEqual(new Set(['SG1-0009']));
  });

  it('comes in parts that make the same file, without the entries recorded meanwhile', async () => {
    const { journal, activity } = await openActivity({ exportPartRows: 40 });
    await journal.append(notes(100, 'SG1-0009'));
    await journal.append(notes(30, 'SG1-0010'));
    const parts = [await activity.exportCsv({ serial: 'SG1-0009' })];
    expect(parts[0]).toMatchObject({ rows: 40, total: 100 });
    // Recorded after the export began: newer than its first part, so not in it.
    await journal.append(notes(5, 'SG1-0009', T0 + 9_000_000));
    for (let cursor = parts[0]?.nextCursor; typeof cursor === 'number'; cursor = parts.at(-1)?.nextCursor)
      parts.push(await activity.exportCsv({ serial: 'SG1-0009' }, cursor));
    expect(parts.map((p) => p.rows)).toEqual([40, 40, 20]);
    const { data, meta, errors } = parse(parts.map((p) => p.csv).join(''));
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual(['seq', 'time', 'category', 'type', 'actor', 'serial', 'summary']);
    expect(data.map((r) => Number(r.seq))).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
  });

  it('keeps commas, quotes and line breaks in one cell, and defuses formulas', async () => {
    const { journal, activity } = await openActivity();
    const texts = [
      'plain, with "quotes", and a comma',
      'two\nlines',
      '=HYPERLINK("http://evil.example","click")\nsecond line',
    ];
    await journal.append(
      texts.map((text, i) => ({ type: 'note.added', at: T0 + i, actor: 'Grace', serial: 'SG1-1', text })),
    );
    // Actors and serials are untrusted too (an operator name, a serial from a controller).
    for (const [i, actor] of ['=1+2', '+SUM(A1)', '-2+3', '@cmd'].entries())
      await journal.append([{ type: 'note.added', at: T0 + 10 + i, actor, serial: 'SG1-1', text: 'x' }]);
    const { csv } = await activity.exportCsv({});
    const rows = parse(csv).data;
    expect(rows).toHaveLength(7);
    const summaries = rows.map((r) => r.summary);
    expect(summaries).toContain('Note: plain, with "quotes", and a comma');
    expect(summaries).toContain('Note: two\nlines');
    expect(summaries).toContain('Note: =HYPERLINK("http://evil.example","click")\nsecond line');
    // A cell a spreadsheet would run as a formula starts with a quote mark instead.
    expect(rows.map((r) => r.actor).slice(0, 4)).toEqual(["'@cmd", "'-2+3", "'+SUM(A1)", "'=1+2"]);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('defuses a formula even when the cell goes on over a line break', async () => {
    const { journal, activity } = await openActivity();
    await journal.append([
      {
        type: 'note.added',
        at: T0,
        actor: '=HYPERLINK("http://evil.example")\nGrace',
        serial: 'SG1-1',
        text: 'x',
      },
    ]);
    const row = parse((await activity.exportCsv({})).csv).data[0];
    expect(row?.actor).toBe('\'=HYPERLINK("http://evil.example")\nGrace');
  });

  it('answers a header row when nothing matches', async () => {
    const { journal, activity } = await openActivity();
    await journal.append(notes(3));
    const file = await activity.exportCsv({ actor: 'nobody' });
    expect(file.rows).toBe(0);
    expect(file.csv.trimEnd()).toBe('seq,time,category,type,actor,serial,summary');
  });
});
