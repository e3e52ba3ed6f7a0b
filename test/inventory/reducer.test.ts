import { describe, expect, it } from 'vitest';
import { applyEntry, replay } from '../../shared/domain/inventory/apply-entry';
import { type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { stamp } from './fixtures/stamp';
import { fromSnapshot, stateFingerprint, toSnapshot } from '../../shared/domain/inventory/snapshot';
import { emptyState, MAX_EVENT_KEYS } from '../../shared/domain/inventory/state';
import { contractsDraft, healthDraft, linkDraft, offboardingDraft, onboardingDraft } from './fixtures/drafts';

const run = (drafts: JournalDraft[]) => replay(stamp(drafts));

describe('applyEntry', () => {
  it('creates a pending installation from onboarding, keeping fields it does not know', () => {
    const state = run([
      onboardingDraft('S1', 100, { contractNumber: 'C-1', colour: 'blue', devices: 'not a list' }),
    ]);
    const s1 = state.installations.get('S1');
    expect(s1).toMatchObject({
      serial: 'S1',
      siteNodeId: 'S1_site_0',
      fallbackTimeoutSeconds: 300,
      firstSeenAt: 100,
    });
    expect(s1?.onboarding).toEqual({ state: 'pending', since: 100 });
    expect(s1?.requestedContractNumber).toBe('C-1');
    expect(s1?.devices).toEqual([]);
    expect(s1?.extra).toEqual({ colour: 'blue', devices: 'not a list' });
    expect(state.seq).toBe(1);
  });

  it('accepts an address given as one string', () => {
    const state = run([onboardingDraft('S1', 1, { address: 'Kerkstraat 1, 9000 Gent' })]);
    expect(state.installations.get('S1')?.address).toBe('Kerkstraat 1, 9000 Gent');
  });

  it('links, records who/why/what, and ends the link on offboarding with the callback as source', () => {
    const offboard = offboardingDraft('S1', 300, 'customer left');
    const state = run([
      contractsDraft(2, 1),
      onboardingDraft('S1', 100),
      linkDraft('S1', 'C-00001', 200, 'Ann'),
      offboard,
    ]);
    expect(state.installations.get('S1')?.onboarding).toEqual({
      state: 'offboarded',
      since: 300,
      reason: 'customer left',
    });
    const [link] = state.links.get('S1') ?? [];
    expect(link).toMatchObject({
      contractNumber: 'C-00001',
      by: 'Ann',
      linkedAt: 200,
      source: { kind: 'operator' },
    });
    expect(link?.ended).toMatchObject({
      at: 300,
      source: { kind: 'callback', ref: (offboard as { requestId: string }).requestId },
    });
  });

  it('replaces a link, keeping the old one in history, and starts a later onboarding linked', () => {
    const state = run([linkDraft('S1', 'C-1', 10), linkDraft('S1', 'C-2', 20), onboardingDraft('S1', 30)]);
    expect(state.links.get('S1')?.map((l) => [l.contractNumber, l.ended?.at])).toEqual([
      ['C-1', 20],
      ['C-2', undefined],
    ]);
    expect(state.installations.get('S1')?.onboarding).toEqual({
      state: 'linked',
      since: 30,
      contractNumber: 'C-2',
    });
  });

  it('puts health for an unknown serial in the inbox and clears it once the serial onboards', () => {
    const before = run([healthDraft('X', 1), healthDraft('X', 2, 'error')]);
    expect(before.unknown.get('X')).toMatchObject({
      count: 2,
      firstAt: 1,
      lastAt: 2,
      lastType: 'callback.health',
    });
    expect(before.installations.has('X')).toBe(false);
    const after = run([healthDraft('X', 1), onboardingDraft('X', 3), healthDraft('X', 4, 'warning')]);
    expect(after.unknown.has('X')).toBe(false);
    expect(after.installations.get('X')?.health).toMatchObject({ status: 'warning', at: 4 });
    expect(after.installations.get('X')?.lastSeen).toEqual({ onboarding: 3, health: 4 });
  });

  it('records a repeated idempotency key but applies it once', () => {
    const state = run([
      onboardingDraft('S1', 1),
      healthDraft('S1', 2, 'error', 'k1'),
      healthDraft('S1', 3, 'ok', 'k1'),
    ]);
    expect(state.installations.get('S1')?.health.status).toBe('error');
    expect(state.eventKeys.get('k1')).toBe(2);
    expect(state.seq).toBe(3);
  });

  it('remembers the most recent MAX_EVENT_KEYS idempotency keys, forgetting the oldest alike on replay and after a snapshot', () => {
    const keyed = (i: number) => healthDraft('S1', 10 + i, 'ok', `k${i}`);
    const drafts = [
      onboardingDraft('S1', 1),
      ...Array.from({ length: MAX_EVENT_KEYS + 5 }, (_, i) => keyed(i)),
    ];
    const entries = stamp(drafts);
    const state = replay(entries);
    expect(state.eventKeys.size).toBe(MAX_EVENT_KEYS);
    expect(state.eventKeys.has('k4')).toBe(false);
    expect(state.eventKeys.has('k5')).toBe(true);
    // A snapshot taken part way and the journal after it give the same keys, in the same order.
    const half = entries.length >> 1;
    const resumed = entries
      .slice(half)
      .reduce(applyEntry, fromSnapshot(toSnapshot(replay(entries.slice(0, half)))));
    expect([...resumed.eventKeys]).toEqual([...state.eventKeys]);
    // A repeat of a forgotten key takes effect again; one of a remembered key still does not.
    const next = entries.length + 1;
    const more = stamp([
      ...drafts,
      healthDraft('S1', 1e9, 'error', 'k0'),
      healthDraft('S1', 2e9, 'warning', `k${MAX_EVENT_KEYS + 4}`),
    ]);
    const after = replay(more);
    expect(after.installations.get('S1')?.health).toMatchObject({ status: 'error', at: 1e9 });
    expect(after.eventKeys.get('k0')).toBe(next);
  });

  it('loads a snapshot written before the bound with its most recent MAX_EVENT_KEYS keys, as a replay keeps them', () => {
    const old = emptyState();
    for (let i = 0; i < MAX_EVENT_KEYS + 3; i += 1) old.eventKeys.set(`k${i}`, i + 1);
    const loaded = fromSnapshot(toSnapshot(old));
    expect(loaded.eventKeys.size).toBe(MAX_EVENT_KEYS);
    expect([...loaded.eventKeys.keys()][0]).toBe('k3');
    expect(loaded.eventKeys.get(`k${MAX_EVENT_KEYS + 2}`)).toBe(MAX_EVENT_KEYS + 3);
  });

  it('keeps the body digest of each remembered key across a snapshot, and forgets it with its key', () => {
    const keyed = (i: number) => ({ ...healthDraft('S1', 10 + i, 'ok', `k${i}`), bodyDigest: `d${i}` });
    const entries = stamp([
      onboardingDraft('S1', 1),
      ...Array.from({ length: MAX_EVENT_KEYS + 2 }, (_, i) => keyed(i)),
      healthDraft('S1', 1e9, 'ok', 'k-earlier-build'),
    ]);
    const state = replay(entries);
    expect(state.eventDigests.get('k7')).toBe('d7');
    expect(state.eventDigests.has('k1')).toBe(false);
    expect(state.eventDigests.has('k-earlier-build')).toBe(false);
    expect(state.eventDigests.size).toBe(MAX_EVENT_KEYS - 1);
    const loaded = fromSnapshot(toSnapshot(state));
    expect([...loaded.eventDigests]).toEqual([...state.eventDigests]);
    // A snapshot of an earlier build (no digests) loads with none: its keys still tell repeats apart.
    const { eventDigests: _, ...earlier } = toSnapshot(state);
    expect(fromSnapshot(earlier).eventDigests.size).toBe(0);
    expect(fromSnapshot(earlier).eventKeys.size).toBe(MAX_EVENT_KEYS);
  });

  it('rejects a pending onboarding from the inbox', () => {
    const state = run([
      onboardingDraft('S1', 1),
      { type: 'inbox.rejected', at: 2, actor: 'Ann', serial: 'S1', reason: 'not ours' },
    ]);
    expect(state.installations.get('S1')?.onboarding).toEqual({
      state: 'rejected',
      since: 2,
      reason: 'not ours',
    });
  });

  it('gives the same state entry by entry, in one replay, and through a snapshot round trip', () => {
    const drafts = [
      contractsDraft(3, 1),
      onboardingDraft('A', 2),
      healthDraft('B', 3),
      linkDraft('A', 'C-00002', 4),
      healthDraft('A', 5, 'error'),
      offboardingDraft('A', 6),
    ];
    const entries = stamp(drafts);
    const live = emptyState();
    for (const e of entries) applyEntry(live, e);
    const half = replay(entries.slice(0, 3));
    const resumed = replay(entries.slice(3), fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(half)))));
    expect(stateFingerprint(replay(entries))).toBe(stateFingerprint(live));
    expect(stateFingerprint(resumed)).toBe(stateFingerprint(live));
  });

  it('replay leaves its starting state untouched', () => {
    const start = run([onboardingDraft('A', 1)]);
    const print = stateFingerprint(start);
    replay(
      stamp([healthDraft('A', 2)]).map((e) => ({ ...e, seq: 2 })),
      start,
    );
    expect(stateFingerprint(start)).toBe(print);
  });
});
