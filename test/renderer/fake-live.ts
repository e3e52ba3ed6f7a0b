import { fail, ok, type MethodName, type RequestOf, type Result } from '../../shared/contract';
import { liveMethods } from '../../shared/contract/live-methods';
import type { PowerHistory } from '../../shared/domain/live/power-history';

export interface LiveOptions {
  /** Recent feedback per serial; a known serial without an entry answers "no feedback yet". */
  histories?: Record<string, PowerHistory>;
}

export type LiveState = { histories: Map<string, PowerHistory> };

export const liveState = (o: LiveOptions): LiveState => ({
  histories: new Map(Object.entries(o.histories ?? {})),
});

/** A history with no readings, as the core answers for an installation that never sent feedback. */
export const emptyHistory = (serial: string): PowerHistory => ({
  serial,
  times: [],
  storageW: [],
  socPct: [],
  solarW: [],
  gridW: [],
  responseCode: [],
  latest: null,
  readings: 0,
  capacity: 720,
  dropped: 0,
  oldestAt: null,
  fullResolutionFrom: null,
});

type LiveMethod = keyof typeof liveMethods;
export const isLiveMethod = (method: MethodName): method is LiveMethod => Object.hasOwn(liveMethods, method);

/** In-memory live values: answers the stored history, downsampling left to the core's own tests. */
export function handleLive(
  state: LiveState,
  known: (serial: string) => boolean,
  method: LiveMethod,
  request: unknown,
): Result<unknown> {
  switch (method) {
    case 'installation.history': {
      const { serial } = request as RequestOf<'installation.history'>;
      if (!known(serial)) return fail('not-found', `No installation ${serial}`);
      return ok(state.histories.get(serial) ?? emptyHistory(serial));
    }
  }
}
