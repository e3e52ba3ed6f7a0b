/**
 * Runs tasks one after another per key: a task starts once the previous task of its key has
 * settled (failed ones too), while tasks of other keys do not wait. A key is forgotten once its
 * last task settles, so a fleet of controllers leaves nothing behind.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const settled = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    return result;
  }

  /** Keys with a task queued or running (for tests and diagnostics). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
