import type { EventName, PayloadOf } from '../../shared/contract';

type Listener = (payload: unknown) => void;

/** Typed fan-out of core events to every connected UI; each subscription returns its unsubscribe. */
export class CoreEvents {
  private readonly listeners = new Map<EventName, Set<Listener>>();

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Whether anyone listens (a UI is connected): work done only for the UI can be skipped otherwise. */
  hasListeners(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}
