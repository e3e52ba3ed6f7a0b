import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/core/journal/journal';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { healthDraft } from '../inventory/fixtures/drafts';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** A send to three installations refused before anything was published (the link was down). */
const refusedToThree: JournalDraft = {
  type: 'command.refused',
  at: 1_790_000_000_000,
  actor: 'Grace',
  targets: ['S1', 'S2', 'S3'],
  code: 'link-down',
  reason: 'The broker is unreachable; the command was not queued.',
};

describe('a send refused for many installations', () => {
  it('is on each target’s timeline, when written and after a reopen, and on no other', async () => {
    const d = tempDir();
    dirs.push(d);
    const { journal } = await Journal.open(d.path);
    await journal.append([healthDraft('S1', 1), healthDraft('S4', 2)]);
    await journal.append([refusedToThree]);
    const types = async (j: Journal, serial: string) =>
      (await j.timelines.entriesFor(serial)).map((e) => e.type);
    expect(await types(journal, 'S1')).toEqual(['callback.health', 'command.refused']);
    expect(await types(journal, 'S3')).toEqual(['command.refused']);
    expect(await types(journal, 'S4')).toEqual(['callback.health']);
    await journal.close();

    // Reopening indexes the lines again from the files (the scan), with the same result.
    const { journal: reopened, history } = await Journal.open(d.path);
    await history;
    expect(await types(reopened, 'S2')).toEqual(['command.refused']);
    expect(await types(reopened, 'S1')).toEqual(['callback.health', 'command.refused']);
    expect(await types(reopened, 'S4')).toEqual(['callback.health']);
    await reopened.close();
  });
});
