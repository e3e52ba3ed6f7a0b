import type { Logger } from '../logger';

/** A listener list whose members cannot break the emitter (or mqtt.js' stream handler) by throwing. */
export class Listeners<T> {
  private readonly list = new Set<(value: T) => void>();

  /** Adds a listener; answers its removal. */
  add(listener: (value: T) => void): () => void {
    this.list.add(listener);
    return () => this.list.delete(listener);
  }

  emit(value: T, log: Logger): void {
    for (const listener of [...this.list]) {
      try {
        listener(value);
      } catch (error) {
        log.error({ err: error }, 'a broker link listener threw');
      }
    }
  }
}
