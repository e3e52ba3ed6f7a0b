/**
 * Notices a host that stopped answering while calls wait for it, without failing a call that is
 * merely long: a restore of a long journal takes ~22 s, a backup first waits for an archiving run,
 * and a fixed per-call deadline reported those as failed while the host finished them.
 */
export interface HostWatch {
  /** Something arrived from the host (an answer, an event): it is alive. */
  heard(): void;
  /** Calls are waiting for the host: look at it every `silenceMs` (no-op when already looking). */
  watch(): void;
  /** Nothing waits any more: stop looking. */
  rest(): void;
}

export interface HostWatchOptions {
  silenceMs: number;
  /** Asks the host for a sign of life; false when it cannot be asked (no open socket). */
  probe: () => boolean;
  /** Nothing from the host for `silenceMs`, and then no answer to the probe for as long again. */
  onUnresponsive: () => void;
}

/**
 * Every `silenceMs` while calls wait: if nothing came from the host since the last look, it is
 * probed; if the probe also goes unanswered until the next look, `onUnresponsive` runs once. A
 * host that is gone altogether is noticed sooner, by its socket closing.
 */
export function createHostWatch(options: HostWatchOptions): HostWatch {
  let timer: ReturnType<typeof setInterval> | undefined;
  let heardSinceLook = false;
  let probing = false;

  function look(): void {
    if (heardSinceLook) {
      heardSinceLook = false;
      return;
    }
    if (!probing && options.probe()) {
      probing = true;
      return;
    }
    rest();
    options.onUnresponsive();
  }

  function rest(): void {
    clearInterval(timer);
    timer = undefined;
    probing = false;
  }

  return {
    heard() {
      heardSinceLook = true;
      probing = false;
    },
    watch() {
      if (timer !== undefined) return;
      heardSinceLook = false;
      timer = setInterval(look, options.silenceMs);
    },
    rest,
  };
}
