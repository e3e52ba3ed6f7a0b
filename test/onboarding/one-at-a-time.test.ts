import { describe, expect, it } from 'vitest';
import { OneAtATime } from '../../electron/core/onboarding/one-at-a-time';

/** A promise settled from outside, to hold a task open while the test looks around. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('OneAtATime', () => {
  it('starts a task of a key only once the previous one settled, and lets other keys run meanwhile', async () => {
    const queue = new OneAtATime();
    const first = gate();
    const log: string[] = [];
    const a1 = queue.run('A', async () => {
      log.push('A1 start');
      await first.opened;
      log.push('A1 end');
    });
    const a2 = queue.run('A', async () => void log.push('A2'));
    const b1 = queue.run('B', async () => void log.push('B1'));
    await b1;
    expect(log).toEqual(['A1 start', 'B1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['A1 start', 'B1', 'A1 end', 'A2']);
  });

  it('runs the next task after a failed one, and gives each caller its own outcome', async () => {
    const queue = new OneAtATime();
    const failed = queue.run('A', () => Promise.reject(new Error('disk full')));
    const next = queue.run('A', () => Promise.resolve(42));
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe(42);
  });

  it('forgets a key once its last task settled', async () => {
    const queue = new OneAtATime();
    const running = Promise.all([queue.run('A', async () => 1), queue.run('B', async () => 2)]);
    expect(queue.busyKeys).toBe(2);
    await running;
    // Once every callback of the settled tasks has run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.busyKeys).toBe(0);
  });
});
