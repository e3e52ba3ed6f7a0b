import { isTerminal } from '../../../shared/domain/control/lifecycle';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import type { Logger } from '../logger';
import type { CommandRecord } from './command-record';

export type Commit = (drafts: JournalDraft[]) => Promise<unknown>;

/** The audit record of a command, written before it is published. */
export function createdDraft(record: CommandRecord, supersedes: readonly CommandRecord[]): JournalDraft {
  const i = record.info;
  return {
    type: 'command.created',
    at: i.createdAt,
    actor: i.actor,
    serial: i.serial,
    commandId: i.commandId,
    kind: i.kind,
    groups: i.groups,
    command: i.command,
    hold: i.hold,
    validUntil: i.validUntil,
    topic: i.topic,
    payload: i.payload,
    ...(supersedes.length > 0 ? { supersedes: supersedes.map((c) => c.id) } : {}),
    ...(i.reason !== undefined ? { reason: i.reason } : {}),
    ...(i.rolloutId !== undefined ? { rolloutId: i.rolloutId } : {}),
  };
}

/** The outcome of a command: its confirmation, or the state it ended in. */
export function outcomeDraft(record: CommandRecord, actor: string, refreshes?: number): JournalDraft {
  const s = record.state;
  if (s.state !== 'confirmed' && !isTerminal(s))
    throw new Error(`command ${record.id} has no outcome yet (${s.state})`);
  return {
    type: 'command.outcome',
    at: s.at,
    actor,
    serial: record.info.serial,
    commandId: record.id,
    state: s.state,
    detail: s.detail,
    ...(s.state === 'rejected' && s.responseCode !== undefined ? { responseCode: s.responseCode } : {}),
    ...(refreshes !== undefined ? { refreshes } : {}),
  };
}

/**
 * Writes control's audit records. Creation is awaited by the sender (no publish without it);
 * outcomes are written behind and a failure is logged, because the event already happened.
 */
export class ControlJournal {
  constructor(
    private readonly commit: Commit,
    private readonly log: Logger,
  ) {}

  /** Resolves once durable; rejects when the journal cannot take it. */
  write(drafts: JournalDraft[]): Promise<unknown> {
    return this.commit(drafts);
  }

  /** Fire-and-forget for records of what already happened. */
  behind(drafts: JournalDraft[]): void {
    if (drafts.length === 0) return;
    this.commit(drafts).catch((error: unknown) =>
      this.log.error({ err: error, types: drafts.map((d) => d.type) }, 'control audit record not written'),
    );
  }
}
