/** After this long stopping, the host says it is still at it, and another Ctrl-C exits at once. */
export const STILL_STOPPING_NOTICE_MS = 5_000;

export interface ShutdownDeps {
  /** Stops everything cleanly: flushes the data, closes the listener, the broker, the sockets. */
  stop: () => Promise<void>;
  /** Registers a listener for a signal (`process.on` in the host). */
  onSignal: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => void;
  exit: (code: number) => void;
  /** A line for the operator's terminal. */
  say: (line: string) => void;
  noticeAfterMs?: number;
}

/**
 * Ctrl-C (or SIGTERM) stops the host cleanly. When that takes long (a broker that does not answer
 * its disconnect), the host says so, and another Ctrl-C then exits at once instead of needing
 * `kill -9`. That is as safe as a crash, which the host survives: a callback is acknowledged only
 * once it is on disk, and a data folder lock left by a dead process is taken over at next start.
 *
 * Signals before the notice are ignored: one Ctrl-C arrives more than once (`conf`'s exit hook,
 * when-exit, raises the signal again after its cleanup; npm passes it on to the host as well).
 * No deadline exits on its own, since a clean stop may be waiting for a restore to finish writing.
 */
export function stopOnSignals(deps: ShutdownDeps): void {
  let state: 'running' | 'stopping' | 'overdue' = 'running';
  const onSignal = () => {
    if (state === 'overdue') {
      deps.say('fleetdesk: stopping now, without waiting for the clean shutdown to finish');
      return deps.exit(1);
    }
    if (state === 'stopping') return;
    state = 'stopping';
    const notice = setTimeout(() => {
      state = 'overdue';
      deps.say('fleetdesk: still stopping cleanly; press Ctrl-C again to stop at once');
    }, deps.noticeAfterMs ?? STILL_STOPPING_NOTICE_MS);
    notice.unref();
    deps.stop().then(
      () => {
        clearTimeout(notice);
        deps.exit(0);
      },
      (error: unknown) => {
        clearTimeout(notice);
        deps.say(`fleetdesk: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        deps.exit(1);
      },
    );
  };
  deps.onSignal('SIGINT', onSignal);
  deps.onSignal('SIGTERM', onSignal);
}
