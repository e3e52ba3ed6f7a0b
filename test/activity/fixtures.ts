import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ActivityService } from '../../electron/core/activity/activity-service';
import type { Clock } from '../../electron/core/clock';
import { CoreEvents } from '../../electron/core/events';
import { Journal } from '../../electron/core/journal/journal';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { tempDir } from '../support/temp-dir';

export const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A clock whose timers run only when the test says so. */
export function manualClock(): Clock & { fire(): void } {
  const due: Array<() => void> = [];
  return {
    now: () => T0,
    setTimeout: (fn) => {
      due.push(fn);
      return fn;
    },
    clearTimeout: (handle) => {
      const i = due.indexOf(handle as () => void);
      if (i >= 0) due.splice(i, 1);
    },
    fire: () => due.splice(0).forEach((fn) => fn()),
  };
}

/** A real journal on a temp dir and the Activity service reading it, as the core wires them. */
export async function openActivity(options: { maxSegmentBytes?: number; exportPartRows?: number } = {}) {
  const dir = tempDir('fleetdesk-activity-');
  const journalDir = join(dir.path, 'journal');
  const { exportPartRows, ...journalOptions } = options;
  const { journal } = await Journal.open(journalDir, journalOptions);
  const events = new CoreEvents();
  const clock = manualClock();
  const activity = new ActivityService({
    journalDir,
    durableSeq: () => journal.lastSeq,
    events,
    clock,
    ...(exportPartRows === undefined ? {} : { exportPartRows }),
  });
  journal.onDurable((entries) => activity.onCommitted(entries));
  cleanups.push(() => dir.remove());
  cleanups.push(() => journal.close());
  cleanups.push(() => activity.stop());
  return { journal, activity, events, clock, journalDir };
}

const headers = { 'content-type': 'application/json' };

/** A small, mixed journal: who did what, to which serial, one minute apart. */
export function mixedDrafts(): JournalDraft[] {
  const at = (minute: number) => T0 + minute * 60_000;
  return [
    {
      type: 'callback.onboarding',
      at: at(0),
      actor: 'token:tok1',
      serial: 'SG1-0001',
      requestId: 'r1',
      headers,
      body: { serialNumber: 'SG1-0001', contractNumber: 'C-100' },
    },
    {
      type: 'link.created',
      at: at(1),
      actor: 'auto',
      serial: 'SG1-0001',
      contractNumber: 'C-100',
      reason: 'exact match',
      source: { kind: 'callback', ref: 'r1' },
    },
    {
      type: 'callback.refused',
      at: at(2),
      actor: 'token:tok1',
      serial: 'SG1-0002',
      endpoint: '/v1/health',
      reason: 'invalid body',
      tokenId: 'tok1',
      rawBody: '{"serialNumber":"SG1-0002","status":42}',
      headers,
      errors: [{ field: 'status', message: 'expected ok, warning or error' }],
    },
    {
      type: 'note.added',
      at: at(3),
      actor: 'Grace',
      serial: 'SG1-0002',
      text: 'Customer called about the battery',
    },
    { type: 'signal.seen', at: at(4), actor: 'mqtt', serial: 'SG1-0001', signal: 'mqtt' },
    {
      type: 'command.created',
      at: at(5),
      actor: 'Grace',
      serial: 'SG1-0001',
      commandId: 'cmd-1',
      kind: 'live',
      groups: ['storage'],
      command: { storage: { policy: 'discharge', setpointW: 5000 } },
      hold: false,
      validUntil: at(6),
      topic: 'standard1/rp_one_s/remoteControl/SG1-0001',
      payload: '{"storage":{"policy":"discharge","setpoint":5000}}',
      reason: 'peak shaving',
    },
    {
      type: 'command.outcome',
      at: at(6),
      actor: 'mqtt',
      serial: 'SG1-0001',
      commandId: 'cmd-1',
      state: 'confirmed',
      detail: 'feedback matches',
    },
    {
      type: 'contract.imported',
      at: at(7),
      actor: 'Ann',
      contracts: [
        { contractNumber: 'C-100', customerName: 'An Peeters', address: 'Kerkstraat 1, Gent', extra: {} },
      ],
      origin: 'contracts.csv',
    },
    {
      type: 'rollout.started',
      at: at(8),
      actor: 'Ann',
      rolloutId: 'ro-1',
      kind: 'live',
      command: { solar: { policy: 'curtail' } },
      targets: ['SG1-0001', 'SG1-0002'],
      batches: 1,
      options: { batchSize: 50 },
      reason: 'grid operator request',
    },
  ];
}

/** `n` operator notes on one serial, one second apart from `start`. */
export function notes(n: number, serial = 'SG1-0009', start = T0 + 3_600_000): JournalDraft[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'note.added' as const,
    at: start + i * 1000,
    actor: 'Grace',
    serial,
    text: `note ${i + 1}`,
  }));
}
