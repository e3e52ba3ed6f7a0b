import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { Inventory } from '../inventory/inventory';
import { InventoryBusyError } from '../inventory/inventory-busy';
import { BackupInvalidError } from '../inventory/backup-invalid';
import { JournalDamagedError } from '../inventory/backup-chain-check';
import { ApiFailure } from '../api/dispatch';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import { contractsCsv, installationsCsv } from '../inventory/csv-export';
import { ARCHIVE_DIR } from '../journal/archive';
import type { ArchiveSummary } from '../../../shared/domain/inventory/journal-archive';
import type { DataProgress } from '../../../shared/domain/inventory/data-progress';
import { taskProgress } from './progress-throttle';

/** Backups this build writes (gzip-compressed JSON Lines) and the single documents of earlier builds. */
const BACKUP_EXTENSIONS = ['.jsonl.gz', '.json'];

/**
 * Backups, restore and CSV exports. Backups live in `<dataDir>/backups`, and restore reads only
 * from there: the UI names a backup, never an arbitrary path on the machine. A backup or restore
 * of a long journal takes a while (300,000 health calls: ~2.7 s to back up with every entry's hash
 * checked; 1.2 million entries: ~22 s to restore; more on a slower disk), so both tell the UI how
 * far they are (`data.progress`).
 */
export class DataService {
  /** The absolute backups folder: restore compares it with the resolved path it is given. */
  private readonly dir: string;
  private readonly dataDir: string;

  constructor(
    private readonly deps: {
      dataDir: string;
      inventory: Inventory;
      clock: Clock;
      operator: () => string;
      events: CoreEvents;
      /** The health the Fleet page shows for a serial (stale included). */
      healthOf: (serial: string) => string | undefined;
    },
  ) {
    // Resolved here too, so a relative data folder (`--data-dir ./data`) still lets restore match
    // the paths `listBackups` offers against the backups folder.
    this.dataDir = resolve(deps.dataDir);
    this.dir = join(this.dataDir, 'backups');
  }

  async backup(): Promise<{ path: string }> {
    mkdirSync(this.dir, { recursive: true });
    const stamp = new Date(this.deps.clock.now()).toISOString().replace(/[:.]/g, '-');
    const path = join(this.dir, `fleetdesk-backup-${stamp}.jsonl.gz`);
    await refusalsAsFailures(this.dataDir, () => this.deps.inventory.backup(path, this.progressOf('backup')));
    return { path };
  }

  listBackups(): Array<{ path: string; at: number; bytes: number }> {
    mkdirSync(this.dir, { recursive: true });
    return readdirSync(this.dir)
      .filter((name) => BACKUP_EXTENSIONS.some((extension) => name.endsWith(extension)))
      .map((name) => {
        const path = join(this.dir, name);
        const stat = statSync(path);
        return { path, at: Math.round(stat.mtimeMs), bytes: stat.size };
      })
      .sort((a, b) => b.at - a.at);
  }

  /** What the journal archive holds, and where. */
  archive(): ArchiveSummary & { dir: string } {
    return { ...this.deps.inventory.archiveSummary(), dir: join(this.dataDir, 'journal', ARCHIVE_DIR) };
  }

  async restore(path: string): Promise<{ movedTo: string }> {
    const target = resolve(path);
    if (!target.startsWith(this.dir + sep) || basename(target) !== basename(path)) {
      throw new ApiFailure('forbidden', `Restore reads only backups in ${this.dir}.`);
    }
    const { movedTo } = await refusalsAsFailures(this.dataDir, () =>
      this.deps.inventory.restore(target, this.deps.operator(), this.progressOf('restore')),
    );
    return { movedTo };
  }

  private progressOf(task: DataProgress['task']) {
    return taskProgress(this.deps.clock, this.deps.events, task);
  }

  exportCsv(what: 'installations' | 'contracts'): { fileName: string; csv: string } {
    const day = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    const { inventory } = this.deps;
    const csv =
      what === 'installations'
        ? installationsCsv(
            inventory.listInstallations(),
            (serial) => inventory.activeLink(serial)?.contractNumber,
            this.deps.healthOf,
          )
        : contractsCsv(inventory.listContracts(), (n) => inventory.linksForContract(n).map((l) => l.serial));
    return { fileName: `fleetdesk-${what}-${day}.csv`, csv };
  }
}

/**
 * The operator's errors, worded for them: a backup that does not check out, a journal too damaged
 * to back up, or work under way.
 */
async function refusalsAsFailures<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof JournalDamagedError) {
      // No backup can prove a damaged journal; a copy of the folder keeps everything as it is.
      throw new ApiFailure(
        'unavailable',
        `No backup was written. ${error.message} A restore accepts only a sound journal, so this backup could never be restored. The inventory in use is not affected. To keep a copy of everything, damaged line included, close Fleetdesk and copy the data folder ${dataDir}.`,
      );
    }
    if (error instanceof BackupInvalidError) {
      throw new ApiFailure(
        'invalid-request',
        `This backup cannot be restored: ${error.message}. Nothing was replaced.`,
      );
    }
    if (error instanceof InventoryBusyError) throw new ApiFailure('conflict', `Not now: ${error.message}.`);
    throw error;
  }
}
