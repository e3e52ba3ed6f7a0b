import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import { nodeJournalIo } from '../journal/journal-io';
import type { RestoreProblem } from './problems';
import { uniqueDir } from './replace-data';
import { readRestoreMarker, removeRestoreMarker, type RestoreMarker } from './restore-marker';

export type SettledRestore = {
  problems: RestoreProblem[];
  /** The `backup.restored` entry of a restore finished here, for recovery to journal once the journal is open. */
  owed?: JournalDraft;
};

/**
 * Run at start, before anything is opened: a restore that a crash or power cut cut short (its
 * marker is still there, see replace-data.ts) is finished when its restored journal is there to
 * go in, or else undone from the data it set aside; nothing is deleted either way. The operator
 * is told which, since the restore they asked for never answered.
 */
export async function settleInterruptedRestore(dataDir: string, now: number): Promise<SettledRestore> {
  const read = readRestoreMarker(dataDir, now);
  if (read.kind === 'none') return { problems: [] };
  if (read.kind === 'unreadable') {
    return {
      problems: [
        problem(
          `a restore was under way when Fleetdesk stopped, but its record cannot be read (${read.reason}; kept as ${read.movedTo}), so nothing was moved back or forth; the data it set aside, if any, is in the inventory.replaced-… folder of ${dataDir}`,
        ),
      ],
    };
  }
  const { marker } = read;
  const outcome = await settle(dataDir, marker);
  await nodeJournalIo.syncDir(dataDir);
  await removeRestoreMarker(dataDir);
  const aside = join(dataDir, marker.aside);
  const started = `a restore from ${marker.origin} that ${marker.actor} started at ${new Date(marker.startedAt).toISOString()} was cut short when Fleetdesk stopped`;
  switch (outcome) {
    case 'finished':
      return {
        problems: [
          problem(
            `${started}; it was finished at start-up: the inventory is now the backup's, and the data it replaced is in ${aside}`,
          ),
        ],
        owed: {
          type: 'backup.restored',
          at: now,
          actor: marker.actor,
          origin: marker.origin,
          movedTo: aside,
          replacedSeq: marker.replacedSeq,
        },
      };
    case 'undone':
      return {
        problems: [
          problem(
            `${started}; its restored journal is gone, so the data from before it was put back from ${aside}; restore again if it is still wanted`,
          ),
        ],
      };
    case 'untouched':
      return {
        problems: [
          problem(
            `${started}; it had not replaced anything yet: the inventory is as it was; restore again if it is still wanted`,
          ),
        ],
      };
  }
}

/** Finishes the marked restore's moves, or undoes them; says which. */
async function settle(dataDir: string, marker: RestoreMarker): Promise<'finished' | 'undone' | 'untouched'> {
  const journalDir = join(dataDir, 'journal');
  const snapshotPath = join(dataDir, marker.snapshot);
  const staged = join(dataDir, marker.staged);
  const aside = join(dataDir, marker.aside);
  // The staged journal was complete and durable before the marker was written: it can go in.
  if (existsSync(staged)) {
    await mkdir(aside, { recursive: true });
    // Whatever is still in place is the data being replaced (the staged journal goes in last).
    if (existsSync(journalDir)) await rename(journalDir, uniqueDir(join(aside, 'journal')));
    if (existsSync(snapshotPath)) await rename(snapshotPath, uniqueDir(join(aside, 'inventory.json')));
    await rename(staged, journalDir);
    return 'finished';
  }
  // Moved in already: the journal in place is the restored one (its snapshot, if written, too).
  if (existsSync(journalDir)) return existsSync(join(aside, 'journal')) ? 'finished' : 'untouched';
  // Neither the restored journal nor a journal in place: put back what was set aside.
  if (existsSync(join(aside, 'journal'))) await rename(join(aside, 'journal'), journalDir);
  const asideSnapshot = join(aside, 'inventory.json');
  if (existsSync(asideSnapshot) && !existsSync(snapshotPath)) await rename(asideSnapshot, snapshotPath);
  return 'undone';
}

/**
 * Data that restores set aside, named when the inventory opened empty beside it: a restore cut
 * short by a build without the marker leaves exactly that, and an empty fleet must not look new.
 */
export function leftoversBesideEmpty(dataDir: string, seq: number): RestoreProblem[] {
  if (seq > 0) return [];
  const leftovers = readdirSync(dataDir).filter(
    (name) => name.startsWith('inventory.replaced-') || name.startsWith('journal.restoring-'),
  );
  if (leftovers.length === 0) return [];
  return [
    {
      kind: 'restore-leftovers',
      severity: 'error',
      detail: `the inventory is empty, but ${dataDir} holds data a restore set aside (${leftovers.join(', ')}): a restore was probably cut short by a stop; nothing was deleted. To get the replaced data back, close Fleetdesk and move the journal folder and inventory.json from the inventory.replaced-… folder back into the data folder; a journal.restoring-… folder holds a restored journal that was never put in place`,
    },
  ];
}

function problem(detail: string): RestoreProblem {
  return { kind: 'restore-interrupted', severity: 'error', detail };
}
