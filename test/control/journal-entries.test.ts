import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/inventory/apply-entry';
import { JournalDraftSchema, type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { stamp } from '../inventory/fixtures/stamp';

const onboarding: JournalDraft = {
  type: 'callback.onboarding',
  at: 1,
  actor: 'listener',
  serial: 'S1',
  requestId: 'r1',
  headers: {},
  body: {
    serialNumber: 'S1',
    devices: [{ type: 'storage', nominalPowerW: 5000 }],
    fallbackTimeoutSeconds: 60,
  },
};
const command = { storage: { policy: 'setpoint', setpointW: 2500 } };
const control: JournalDraft[] = [
  {
    type: 'rollout.started',
    at: 2,
    actor: 'Ada',
    rolloutId: 'r',
    kind: 'live',
    command,
    targets: ['S1'],
    batches: 1,
    options: { firstBatch: 5 },
    reason: 'peak',
  },
  {
    type: 'command.created',
    at: 3,
    actor: 'Ada',
    serial: 'S1',
    commandId: 'c1',
    kind: 'live',
    groups: ['storage'],
    command,
    hold: true,
    validUntil: 30_000,
    topic: 't/S1',
    payload: '{}',
    reason: 'peak',
    rolloutId: 'r',
  },
  {
    type: 'command.outcome',
    at: 4,
    actor: 'control',
    serial: 'S1',
    commandId: 'c1',
    state: 'confirmed',
    detail: 'response code 0',
  },
  {
    type: 'lease.released',
    at: 5,
    actor: 'Ada',
    serial: 'S1',
    groups: ['storage'],
    commandIds: ['c1'],
    refreshes: 7,
    localAt: 64,
  },
  {
    type: 'command.outcome',
    at: 5,
    actor: 'Ada',
    serial: 'S1',
    commandId: 'c1',
    state: 'released',
    detail: 'released by Ada',
    refreshes: 7,
  },
  {
    type: 'command.refused',
    at: 6,
    actor: 'Ada',
    targets: ['S1', 'S2'],
    code: 'link-down',
    reason: 'The broker link is down',
  },
  { type: 'rollout.changed', at: 7, actor: 'Ada', rolloutId: 'r', state: 'released', detail: '1 released' },
];

describe('control journal entries', () => {
  it('validate as drafts', () => {
    for (const d of control) expect(JournalDraftSchema.safeParse(d).success, d.type).toBe(true);
    expect(JournalDraftSchema.safeParse({ ...control[1], groups: [] }).success).toBe(false);
    expect(JournalDraftSchema.safeParse({ ...control[2], state: 'applied' }).success).toBe(false);
  });

  it('are audit only, except that a confirmation counts as the installation seen on the command signal', () => {
    const without = replay(stamp([onboarding]));
    const withControl = replay(stamp([onboarding, ...control]));
    expect(withControl.installations.get('S1')?.lastSeen.command).toBe(4);
    const { lastSeen: _a, ...rest } = withControl.installations.get('S1') ?? {};
    const { lastSeen: _b, ...before } = without.installations.get('S1') ?? {};
    expect(rest).toEqual(before);
  });
});
