import { describe, expect, it, vi } from 'vitest';
import { ApiFailure, dispatch, type Handlers } from '../../electron/core/api/dispatch';
import { createLogger } from '../../electron/core/logger';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

const log = createLogger('silent');

/** The few handlers these tests call; the rest of the contract is not under test here. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.update': () => DEFAULT_SETTINGS,
    'notices.dismiss': () => [],
    ...overrides,
  } as Partial<Handlers> as Handlers;
}

describe('dispatch', () => {
  it('answers an unknown method with unknown-method, including prototype names', async () => {
    expect(await dispatch(handlers(), 'settings.delete', undefined, log)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await dispatch(handlers(), '__proto__', undefined, log)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await dispatch(handlers(), 42, undefined, log)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
  });

  it('never runs a handler on an invalid request, and says which field is wrong', async () => {
    const update = vi.fn(() => DEFAULT_SETTINGS);
    const result = await dispatch(
      handlers({ 'settings.update': update }),
      'settings.update',
      { theme: 'purple' },
      log,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!result.ok && result.error.message).toMatch(/theme/);
    expect(update).not.toHaveBeenCalled();
  });

  it('rejects unknown keys in a patch instead of ignoring them', async () => {
    const result = await dispatch(handlers(), 'settings.update', { schemaVersion: 7 }, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('turns an ApiFailure into its code and a crash into a generic internal error', async () => {
    const failing = handlers({
      'notices.dismiss': () => {
        throw new ApiFailure('not-found', 'No such notice');
      },
      'settings.get': () => {
        throw new Error('secret stack detail');
      },
    });
    expect(await dispatch(failing, 'notices.dismiss', { id: 'x' }, log)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such notice' },
    });
    const crash = await dispatch(failing, 'settings.get', undefined, log);
    expect(crash).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(crash)).not.toContain('secret stack detail');
  });
});
