import type { LeaseView } from '../../../shared/domain/control/lease';
import type { LinkState } from '../broker/broker-port';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CommandView } from './command-record';
import type { RolloutTargetView, RolloutView } from '../../../shared/domain/control/rollout-view';

/** A lease that lapses to local control while the link is down (the banner's rows). */
export type LeaseAtRisk = LeaseView & { lapsesAt: number; inMs: number };

/**
 * What control tells the UI. Command and rollout changes are batched (a bulk send changes hundreds
 * of targets a second; the UI wants a few updates a second, architecture.md §3).
 */
export type ControlEvent =
  | { type: 'commands'; commands: CommandView[] }
  | { type: 'leases'; leases: LeaseView[] }
  /** The link changed; `atRisk` lists the held leases that lapse unless it comes back in time. */
  | { type: 'link'; link: LinkState; atRisk: LeaseAtRisk[] }
  | { type: 'rollout'; rollout: RolloutView; changed: RolloutTargetView[] };

export type ControlListener = (event: ControlEvent) => void;

/** Collects changes by key and hands the latest of each over at most every `ms`. */
export class Batcher<T> {
  private readonly pending = new Map<string, T>();
  private timer: unknown;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  add(key: string, item: T): void {
    if (this.stopped) return;
    this.pending.set(key, item);
    this.timer ??= this.clock.setTimeout(() => this.flushNow(), this.ms);
  }

  flushNow(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const items = [...this.pending.values()];
    this.pending.clear();
    this.flush(items);
  }

  stop(): void {
    this.flushNow();
    this.stopped = true;
  }
}

/** Fan-out to listeners; one failing listener never stops control or the others. */
export class ControlEmitter {
  private readonly listeners = new Set<ControlListener>();

  constructor(private readonly log: Logger) {}

  on(listener: ControlListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ControlEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, event: event.type }, 'control event listener failed');
      }
    }
  }
}
