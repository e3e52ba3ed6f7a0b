/**
 * The state of the link to the core. Electron's IPC never drops, so only the WebSocket transport
 * moves through these; `session` counts successful opens so hooks can resync after a reconnect.
 */
export type ConnectionState =
  | { kind: 'connecting'; session: number }
  | { kind: 'open'; session: number }
  | { kind: 'reconnecting'; session: number; attempt: number; retryAt: number }
  /**
   * The host is up but refuses this page's token: it was restarted and printed a new link. Tried
   * again only now and then (at `retryAt`), since only the new link will work.
   */
  | { kind: 'refused'; session: number; retryAt: number }
  | { kind: 'closed'; session: number };

/** A tiny external store, shaped for React's `useSyncExternalStore`. */
export interface ConnectionMonitor {
  get(): ConnectionState;
  subscribe(onChange: () => void): () => void;
}

/** A monitor whose state can be set: owned by a transport, read by the UI. */
export interface ConnectionSource extends ConnectionMonitor {
  set(state: ConnectionState): void;
}

/** Creates a settable monitor starting at `initial`. */
export function createConnectionSource(initial: ConnectionState): ConnectionSource {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** A monitor fixed at one state: IPC in Electron (always open) or a transport that cannot connect. */
export function fixedConnection(state: ConnectionState): ConnectionMonitor {
  return { get: () => state, subscribe: () => () => undefined };
}

export const alwaysOpen: ConnectionMonitor = fixedConnection({ kind: 'open', session: 1 });
