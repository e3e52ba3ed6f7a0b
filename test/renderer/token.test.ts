import { describe, expect, it, vi } from 'vitest';
import { takeToken } from '../../renderer/src/api';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('takeToken', () => {
  it('takes the token from the URL, hides it and keeps it for a reload', () => {
    const history = { state: null, replaceState: vi.fn() };
    const storage = memoryStorage();
    const token = takeToken({ href: 'http://127.0.0.1:5000/?token=s3cret&x=1#/settings' }, history, storage);
    expect(token).toBe('s3cret');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#/settings');
    expect(storage.data.get('fleetdesk.token')).toBe('s3cret');
  });

  it('falls back to the stored token after a reload', () => {
    const history = { state: null, replaceState: vi.fn() };
    const token = takeToken(
      { href: 'http://127.0.0.1:5000/#/fleet' },
      history,
      memoryStorage({ 'fleetdesk.token': 'kept' }),
    );
    expect(token).toBe('kept');
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('returns undefined when there is none, or storage is unavailable', () => {
    const history = { state: null, replaceState: vi.fn() };
    expect(takeToken({ href: 'http://h/' }, history, memoryStorage())).toBeUndefined();
    expect(takeToken({ href: 'http://h/' }, history, undefined)).toBeUndefined();
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeToken({ href: 'http://h/?token=t' }, history, throwing)).toBe('t');
  });
});
