import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopOnSignals, STILL_STOPPING_NOTICE_MS } from '../../electron/host/shutdown';

/** The host's signal handling with a stop the test finishes by hand. */
function scene() {
  const listeners = new Map<string, () => void>();
  const said: string[] = [];
  const exits: number[] = [];
  let finish: (error?: Error) => void = () => undefined;
  stopOnSignals({
    stop: () => new Promise<void>((done, fail) => (finish = (error) => (error ? fail(error) : done()))),
    onSignal: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => exits.push(code),
    say: (line) => said.push(line),
  });
  return {
    signal: (name: 'SIGINT' | 'SIGTERM') => listeners.get(name)?.(),
    said,
    exits,
    finish: (e?: Error) => finish(e),
  };
}

describe('npm run serve: Ctrl-C', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops cleanly and exits 0 once everything is stopped', async () => {
    const host = scene();
    host.signal('SIGTERM');
    expect(host.exits).toEqual([]);
    host.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.exits).toEqual([0]);
    expect(host.said).toEqual([]);
  });

  it('takes a Ctrl-C that arrives twice at once as one (conf re-raises it after its cleanup)', async () => {
    const host = scene();
    host.signal('SIGINT');
    host.signal('SIGINT');
    expect(host.exits).toEqual([]);
    host.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.exits).toEqual([0]);
  });

  it('says it is still stopping when that takes long, and then another Ctrl-C exits at once', async () => {
    const host = scene();
    host.signal('SIGINT');
    await vi.advanceTimersByTimeAsync(STILL_STOPPING_NOTICE_MS);
    expect(host.said).toEqual(['fleetdesk: still stopping cleanly; press Ctrl-C again to stop at once']);
    host.signal('SIGINT');
    expect(host.exits).toEqual([1]);
    expect(host.said.at(-1)).toBe(
      'fleetdesk: stopping now, without waiting for the clean shutdown to finish',
    );
  });

  it('exits 1 and says why when the clean stop fails', async () => {
    const host = scene();
    host.signal('SIGINT');
    host.finish(new Error('journal flush failed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(host.exits).toEqual([1]);
    expect(host.said).toEqual(['fleetdesk: shutdown failed: journal flush failed']);
  });
});
