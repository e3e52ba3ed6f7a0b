/**
 * What control writes into a restored journal (restore-reconcile.ts): the creation of each command
 * in force or on its way that the journal lacks, and an end for each command it shows open that is
 * not in force. The whole flow with a real core and broker: reliability/restore-while-leased.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CommandRecord } from '../../electron/core/control/command-record';
import { createdDraft } from '../../electron/core/control/control-journal';
import { restoreReconcileDrafts } from '../../electron/core/control/restore-reconcile';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import type { OpenCommand } from '../../shared/domain/inventory/open-commands';

const T = 1_764_151_200_000;

function command(id: string, events: Parameters<CommandRecord['apply']>[0][] = []): CommandRecord {
  const record = new CommandRecord({
    commandId: id,
    serial: `SG1-${id}`,
    kind: 'live',
    groups: ['storage'],
    command: { storage: { policy: 'setpoint', setpointW: 2000 } },
    hold: true,
    createdAt: T,
    actor: 'Ada',
    validUntil: T + 60_000,
    topic: `cmd/SG1-${id}`,
    payload: '{}',
  });
  for (const event of events) expect(record.apply(event).ok).toBe(true);
  return record;
}

const confirmed = (id: string) =>
  command(id, [
    { type: 'publish', at: T + 1 },
    { type: 'ack', at: T + 2 },
    { type: 'confirm', at: T + 3, detail: 'took effect' },
  ]);

function openIn(record: CommandRecord, confirmedAt?: number): OpenCommand {
  // As the journal holds it: the creation control wrote, stamped.
  const created = { ...createdDraft(record, []), seq: 1, hash: '0'.repeat(64), prevHash: '0'.repeat(64) };
  return { created: created as OpenCommand['created'], ...(confirmedAt !== undefined && { confirmedAt }) };
}

const summary = (drafts: JournalDraft[]) =>
  drafts.map(
    (d) =>
      `${d.type}${d.type === 'command.outcome' ? `:${d.state}` : ''} ${'commandId' in d ? d.commandId : ''}`,
  );

describe('reconciling a restored journal with the commands in force', () => {
  it('writes back a confirmed command the backup lacks, created and confirmed', () => {
    const a = confirmed('a');
    expect(summary(restoreReconcileDrafts(new Map([['a', a]]), [], T + 10))).toEqual([
      'command.created a',
      'command.outcome:confirmed a',
    ]);
  });

  it('writes back a draft whose creation was already durable, but not one still being written', () => {
    const written = command('w');
    written.audited = true;
    const writing = command('x');
    const drafts = restoreReconcileDrafts(
      new Map([
        ['w', written],
        ['x', writing],
      ]),
      [],
      T + 10,
    );
    expect(summary(drafts)).toEqual(['command.created w']);
  });

  it('adds only the confirmation when the backup has the command open but unconfirmed', () => {
    const a = confirmed('a');
    expect(summary(restoreReconcileDrafts(new Map([['a', a]]), [openIn(a)], T + 10))).toEqual([
      'command.outcome:confirmed a',
    ]);
    expect(restoreReconcileDrafts(new Map([['a', a]]), [openIn(a, T + 3)], T + 10)).toEqual([]);
  });

  it('ends a command the backup shows open: as it really ended, or expired when this run no longer knows it', () => {
    const released = command('r', [
      { type: 'publish', at: T + 1 },
      { type: 'ack', at: T + 2 },
      { type: 'release', at: T + 5, actor: 'Ada' },
    ]);
    const gone = command('g');
    const drafts = restoreReconcileDrafts(
      new Map([['r', released]]),
      [openIn(released), openIn(gone)],
      T + 10,
    );
    expect(summary(drafts)).toEqual(['command.outcome:released r', 'command.outcome:expired g']);
    expect(drafts[1]).toMatchObject({
      at: T + 10,
      serial: 'SG1-g',
      detail: expect.stringContaining('not in force'),
    });
  });
});
