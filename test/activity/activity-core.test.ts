import { describe, expect, it, vi } from 'vitest';
import type { ActivityPage } from '../../shared/contract/activity-methods';
import { callCore, makeCore } from '../support/core-harness';
import { T0, mixedDrafts, openActivity } from './fixtures';

const TOKEN = 'activity-test-token-0001';

async function onboard(listenerUrl: string, serialNumber: string): Promise<number> {
  const res = await fetch(`${listenerUrl}/v1/onboarding`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serialNumber, contractNumber: 'C-1', address: 'Kerkstraat 1, 9000 Gent' }),
  });
  return res.status;
}

describe('activity through the core', () => {
  it('lists callbacks and operator actions with who did them, and tells the UI about new ones', async () => {
    const core = makeCore(undefined, TOKEN);
    await core.start();
    try {
      const told: number[] = [];
      core.events.on('activity.changed', ({ lastSeq }) => told.push(lastSeq));
      await callCore(core, 'settings.update', { operatorName: 'Grace' });
      expect(await onboard(core.info().listenerUrl, 'SG1-0001')).toBe(202);
      expect(await onboard(core.info().listenerUrl, 'SG1-0002')).toBe(202);
      await callCore(core, 'installation.addNote', { serial: 'SG1-0002', text: 'called the customer' });
      const page = await callCore<ActivityPage>(core, 'activity.query', { filter: { serial: 'SG1-0002' } });
      expect(page.rows.map((r) => [r.type, r.actor])).toEqual([
        ['note.added', 'Grace'],
        ['callback.onboarding', expect.stringMatching(/^token:/)],
      ]);
      expect(page.rows[0]?.summary).toBe('Note: called the customer');
      // The UI is told, batched, up to the newest entry.
      await vi.waitFor(() => expect(told.at(-1)).toBe(page.lastSeq));
    } finally {
      await core.stop();
    }
  });

  it('refuses a malformed or unbounded request', async () => {
    const core = makeCore();
    await core.start();
    try {
      for (const request of [
        { filter: {}, limit: 10_000 },
        { filter: { serial: 'x'.repeat(65) } },
        { filter: { categories: ['everything'] } },
        { filter: {}, extra: true },
        { filter: { text: 'a', sql: 'drop' } },
      ]) {
        const answer = await core.call('activity.query', request);
        expect(answer.ok, JSON.stringify(request)).toBe(false);
      }
    } finally {
      await core.stop();
    }
  });

  it('starts over after a restore replaced the journal', async () => {
    const core = makeCore(undefined, TOKEN);
    await core.start();
    try {
      expect(await onboard(core.info().listenerUrl, 'SG1-0001')).toBe(202);
      const { path } = await callCore<{ path: string }>(core, 'data.backup');
      expect(await onboard(core.info().listenerUrl, 'SG1-0002')).toBe(202);
      const before = await callCore<ActivityPage>(core, 'activity.query', { filter: {} });
      expect(before.rows.map((r) => r.type)).toEqual([
        'callback.onboarding',
        'backup.created',
        'callback.onboarding',
      ]);
      await callCore(core, 'data.restore', { path });
      const after = await callCore<ActivityPage>(core, 'activity.query', { filter: {} });
      expect(after.rows.map((r) => r.type)).toEqual(['backup.restored', 'callback.onboarding']);
      expect(after.rows[1]?.serial).toBe('SG1-0001');
    } finally {
      await core.stop();
    }
  });
});

describe('activity live updates', () => {
  it('announces a burst of entries once, and only while someone listens', async () => {
    const { journal, activity, events, clock } = await openActivity();
    await journal.append(mixedDrafts().slice(0, 3));
    clock.fire();
    const told: number[] = [];
    events.on('activity.changed', ({ lastSeq }) => told.push(lastSeq));
    for (const draft of mixedDrafts().slice(3)) await journal.append([{ ...draft, at: T0 }]);
    expect(told).toEqual([]);
    clock.fire();
    expect(told).toEqual([9]);
    expect((await activity.query({ filter: {} })).total).toBe(9);
  });
});
