/** Runs at most `max` tasks at a time; the rest wait in arrival order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Creates a concurrency limiter. Used so 10,000 controllers onboarding at once open a bounded number
 * of sockets to the listener (and to the broker while connecting).
 */
export function createLimiter(max: number): Limiter {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    running--;
    queue.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
