import { app } from 'electron';
import type { Logger } from '../core/logger';

/**
 * How long a quit waits for the core to stop before exiting anyway. Longer than the listener's
 * drain deadline (10 s, listener-options.ts) plus the margin its thread gets (2 s,
 * listener-thread.ts), with time left to close the broker and write the inventory: a controller
 * mid-call must not cost the stop its flush. Only a stop that truly hangs (a dead socket) meets it.
 */
export const STOP_TIMEOUT_MS = 20_000;

/**
 * Holds the quit until every part (the core, the demo fleet) has stopped (listeners closed, data
 * written), then quits for real. Hooked before the core starts, so a quit during a long start-up
 * (a journal replay) is held too, and the stop waits for the start to settle rather than overtake
 * it. `will-quit` comes after every window closed, so the operator is not left with a dead UI.
 */
export function stopOnQuit(deps: {
  /** The core's start; settles when the data is open (or failed to open). */
  started: Promise<unknown>;
  parts: ReadonlyArray<{ stop(): Promise<void> }>;
  log: Logger;
  timeoutMs?: number;
}): {
  /** True once a quit began; start-up then opens no window. */
  quitting(): boolean;
  /** Runs `cleanup` (IPC handlers, alarm watch) when a quit begins, before the parts stop. */
  beforeStop(cleanup: () => void): void;
} {
  const { log } = deps;
  const cleanups: Array<() => void> = [];
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    const timeoutMs = deps.timeoutMs ?? STOP_TIMEOUT_MS;
    const deadline = setTimeout(() => {
      log.error(
        { timeoutMs },
        'Fleetdesk did not stop in time after the quit; exiting without a clean stop (the next start takes the data folder over and replays the journal)',
      );
      app.exit(1);
    }, timeoutMs);
    void stopAll(deps, cleanups).finally(() => {
      clearTimeout(deadline);
      state = 'stopped';
      app.quit();
    });
  });
  return {
    quitting: () => state !== 'running',
    beforeStop: (cleanup) => {
      // A quit that came first has already run the cleanups: this one runs at once.
      if (state === 'running') cleanups.push(cleanup);
      else cleanup();
    },
  };
}

async function stopAll(
  deps: { started: Promise<unknown>; parts: ReadonlyArray<{ stop(): Promise<void> }>; log: Logger },
  cleanups: ReadonlyArray<() => void>,
): Promise<void> {
  // A core still starting would open its services after a stop that came first.
  await deps.started.catch(() => undefined);
  for (const cleanup of cleanups) cleanup();
  await Promise.all(
    deps.parts.map((part) =>
      part
        .stop()
        .catch((error: unknown) => deps.log.error({ err: error }, 'the core failed to stop cleanly')),
    ),
  );
}
