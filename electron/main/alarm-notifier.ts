import type { FleetDelta, FleetRow, HealthView } from '../../shared/domain/fleet/fleet-row';

export type AlarmNotice = { title: string; body: string };

/** Installations that turn to error within this long share one notification. */
const BATCH_MS = 5_000;
/** Serials a notification names before it says "and N more". */
const NAMED = 3;

/**
 * Tells the OS (through `show`) when installations turn to error, from the fleet table's own
 * change feed: an installation that reports an error after it reported something else, or a new
 * installation that arrives in error. Errors already there when the app starts, or brought back
 * by a restore, raise nothing: they are not new. Nor does silence: a row shows `stale` when an
 * installation stops calling, which hides its last report without changing it, so an installation
 * in error that goes silent (a night Fleetdesk was closed) and reports the same error again is not
 * news. Turns that come together (a fleet-wide outage) make one notification, not hundreds.
 */
export class AlarmNotifier {
  /** Each installation's last reported health (never `stale`). */
  private readonly reported = new Map<string, HealthView>();
  private ready = false;
  private pending = new Map<string, FleetRow>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      show(notice: AlarmNotice): void;
      /** Settings → General → Desktop notifications for new alarms, read when a batch is due. */
      enabled(): boolean;
      /** An installation's last reported health, which its row hides while it shows `stale`. */
      reportedHealth(serial: string): HealthView | undefined;
      batchMs?: number;
    },
  ) {}

  /** The fleet as it is now; only what turns to error after this is new. */
  baseline(rows: readonly FleetRow[]): void {
    // Turns seen on data a restore has just replaced are not news about the fleet shown now.
    this.stop();
    this.reported.clear();
    for (const row of rows) {
      const health = row.health === 'stale' ? this.deps.reportedHealth(row.serial) : row.health;
      if (health !== undefined) this.reported.set(row.serial, health);
    }
    this.ready = true;
  }

  /** One batch of `fleet.changed`. */
  observe(delta: FleetDelta): void {
    if (delta.reset === true || !this.ready) return this.baseline(delta.upserts);
    for (const row of delta.upserts) {
      // Silence is neither a new error nor a recovery: the last report stands.
      if (row.health === 'stale') continue;
      const before = this.reported.get(row.serial);
      this.reported.set(row.serial, row.health);
      if (row.health === 'error' && before !== 'error') this.pending.set(row.serial, row);
      else if (row.health !== 'error') this.pending.delete(row.serial);
    }
    if (this.pending.size > 0 && this.timer === undefined)
      this.timer = setTimeout(() => this.flush(), this.deps.batchMs ?? BATCH_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const rows = [...this.pending.values()];
    this.pending.clear();
    if (rows.length === 0 || !this.deps.enabled()) return;
    this.deps.show(noticeFor(rows));
  }
}

/** The words of one notification. */
export function noticeFor(rows: readonly FleetRow[]): AlarmNotice {
  const [first] = rows;
  if (rows.length === 1 && first) {
    const who = first.customerName ?? 'no contract linked';
    return { title: `${first.serial} reports an error`, body: `${who}: ${first.firstError ?? 'error'}` };
  }
  const named = rows.slice(0, NAMED).map((r) => r.serial);
  const more = rows.length - named.length;
  return {
    title: `${rows.length} installations report errors`,
    body: `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}. The fleet lists them first.`,
  };
}
