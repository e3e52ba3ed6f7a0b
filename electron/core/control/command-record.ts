import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import {
  isSettled,
  isTerminal,
  next,
  type CommandEvent,
  type CommandState,
} from '../../../shared/domain/control/lifecycle';
import type { AssetGroup } from '../../../shared/domain/control/live-command';

/** One command as the UI and the API see it. */
export type CommandView = {
  commandId: string;
  serial: string;
  kind: ControlCommand['kind'];
  groups: AssetGroup[];
  command: ControlCommand['command'];
  hold: boolean;
  state: CommandState;
  createdAt: number;
  actor: string;
  validUntil: number;
  topic: string;
  payload: string;
  /** The latest reason the command is not confirmed yet (e.g. "storage at 1200 W, setpoint 2500 W"). */
  waiting?: string;
  reason?: string;
  rolloutId?: string;
};

export type CommandInit = Omit<CommandView, 'state' | 'waiting'>;

/** What the serial's feedback looked like when the command was published (see feedback-judge.ts). */
export type Probe = { seenBefore: number; codeBefore: number | null };

/**
 * A command in memory: its state under the pure lifecycle, its confirmation deadline and whoever
 * waits for its outcome. Only `apply` changes the state.
 */
export class CommandRecord {
  private current: CommandState;
  private readonly settledWaiters: Array<(view: CommandView) => void> = [];
  /** Its creation is durable in the journal (it may still be a draft until it is published). */
  audited = false;
  waiting: string | undefined;
  probe: Probe | undefined;
  deadline: unknown;

  constructor(readonly info: CommandInit) {
    this.current = { state: 'draft', at: info.createdAt };
  }

  get id(): string {
    return this.info.commandId;
  }

  get state(): CommandState {
    return this.current;
  }

  get ended(): boolean {
    return isTerminal(this.current);
  }

  /** Applies an event; returns the error of an illegal one (and changes nothing). */
  apply(event: CommandEvent): { ok: true } | { ok: false; error: string } {
    const t = next(this.current, event);
    if (!t.ok) return t;
    this.current = t.state;
    if (isSettled(t.state)) for (const resolve of this.settledWaiters.splice(0)) resolve(this.view());
    return { ok: true };
  }

  /** Resolves once the command is confirmed or ended (at once if it already is). */
  settled(): Promise<CommandView> {
    if (isSettled(this.current)) return Promise.resolve(this.view());
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  view(): CommandView {
    return {
      ...this.info,
      state: this.current,
      ...(this.waiting !== undefined ? { waiting: this.waiting } : {}),
    };
  }
}
