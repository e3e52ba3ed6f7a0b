import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_CAPACITY } from '../../electron/core/live/feedback-history';
import type { Core } from '../../electron/core/create-core';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { makeCore } from '../support/core-harness';

const SERIAL = 'SG1-820001';
let core: Core;

beforeAll(async () => {
  core = makeCore();
  await core.start();
  const onboarding: JournalDraft = {
    type: 'callback.onboarding',
    at: Date.now(),
    actor: 'listener',
    serial: SERIAL,
    requestId: 'req-1',
    headers: {},
    body: { serialNumber: SERIAL, devices: [], fallbackTimeoutSeconds: 60 },
  };
  await core.services().inventory.commit([onboarding]);
});

afterAll(async () => {
  await core?.stop();
});

describe('installation.history over the contract', () => {
  it('answers an empty history for an installation that has sent no feedback', async () => {
    const r = await core.call('installation.history', { serial: SERIAL, maxPoints: 600 });
    expect(r).toMatchObject({
      ok: true,
      value: { serial: SERIAL, readings: 0, times: [], capacity: HISTORY_CAPACITY },
    });
  });

  it('is not-found for a serial that is no installation', async () => {
    const r = await core.call('installation.history', { serial: 'SG1-nope', maxPoints: 600 });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it.each([
    ['no maxPoints', { serial: SERIAL }],
    ['maxPoints 1', { serial: SERIAL, maxPoints: 1 }],
    ['maxPoints beyond any screen', { serial: SERIAL, maxPoints: 100_000 }],
    ['a fractional maxPoints', { serial: SERIAL, maxPoints: 10.5 }],
    ['a negative sinceMs', { serial: SERIAL, maxPoints: 10, sinceMs: -1 }],
    ['a serial of 65 characters', { serial: 'x'.repeat(65), maxPoints: 10 }],
    ['an unknown key', { serial: SERIAL, maxPoints: 10, all: true }],
  ])('refuses a request with %s', async (_name, request) => {
    expect(await core.call('installation.history', request)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
