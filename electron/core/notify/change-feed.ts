import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';
import type { CoreEvents } from '../events';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

const BATCH_MS = 250;
/** The inbox is rebuilt at most this often: it reads timelines from disk, which competes with fsync. */
const INBOX_MS = 1_000;
const INBOX_TYPES = new Set<JournalEntry['type']>([
  'callback.onboarding',
  'callback.offboarding',
  'callback.health',
  'contract.imported',
  'link.created',
  'link.ended',
  'inbox.rejected',
  'backup.restored',
]);

/**
 * Tells the UI which installation pages and whether the inbox should refresh, batched so that a
 * burst of callbacks becomes a few events a second instead of one per call.
 */
export class ChangeFeed {
  private readonly serials = new Set<string>();
  private inboxTouched = false;
  private inboxAt = -Infinity;
  private timer: unknown;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      events: CoreEvents;
      clock: Clock;
      refreshInbox: () => Promise<void>;
      log: Logger;
    },
  ) {}

  onCommitted(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.serial !== undefined) this.serials.add(entry.serial);
      // Callbacks, links, rejections and imports can change what waits in the inbox; control does not.
      if (INBOX_TYPES.has(entry.type)) this.inboxTouched = true;
    }
    this.schedule();
  }

  /** Something outside the journal's commits changed what the inbox shows: send it again (batched as usual). */
  inboxChanged(): void {
    this.inboxTouched = true;
    this.schedule();
  }

  /** One flush at a time: a burst that outlasts a flush is picked up by the next one, never run in parallel. */
  private schedule(): void {
    if (this.timer !== undefined || this.flushing !== undefined || this.stopped) return;
    const inboxDue = this.inboxTouched && this.serials.size === 0;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.flushing = this.flush()
          .catch((error: unknown) => this.deps.log.error({ err: error }, 'change feed flush failed'))
          .finally(() => {
            this.flushing = undefined;
            if (this.serials.size > 0 || this.inboxTouched) this.schedule();
          });
      },
      inboxDue ? INBOX_MS : BATCH_MS,
    );
  }

  /** Stops batching and waits for a flush under way, so nothing reads the data after it closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.timer);
    await this.flushing;
  }

  private async flush(): Promise<void> {
    if (this.serials.size > 0) this.deps.events.emit('installation.changed', { serials: [...this.serials] });
    this.serials.clear();
    if (!this.inboxTouched || this.deps.clock.now() - this.inboxAt < INBOX_MS) return;
    this.inboxTouched = false;
    this.inboxAt = this.deps.clock.now();
    // Nobody to tell (no window open): the inbox is built when a page asks for it.
    if (this.deps.events.hasListeners('inbox.changed')) await this.deps.refreshInbox();
  }
}
