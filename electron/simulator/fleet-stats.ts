import type { RunRecord } from './run-record';

/** Running counters of a fleet, for the CLI's status line and the demo. */
export interface FleetCounters {
  applied: number;
  rejected: number;
  expired: number;
  duplicates: number;
  fallbacks: number;
  schedulesSet: number;
  schedulesRejected: number;
  dropped: number;
  httpOk: number;
  httpFailed: number;
  offboarded: number;
}

/** Counts records as they pass; `sink` goes into the run log's subscribers. */
export function createCounters(): { counters: FleetCounters; sink: (r: RunRecord) => void } {
  const c: FleetCounters = {
    applied: 0,
    rejected: 0,
    expired: 0,
    duplicates: 0,
    fallbacks: 0,
    schedulesSet: 0,
    schedulesRejected: 0,
    dropped: 0,
    httpOk: 0,
    httpFailed: 0,
    offboarded: 0,
  };
  const sink = (r: RunRecord): void => {
    switch (r.type) {
      case 'command':
        if (r.outcome === 'applied') c.applied++;
        else if (r.outcome === 'rejected') c.rejected++;
        else if (r.outcome === 'duplicate') c.duplicates++;
        else c.expired++;
        break;
      case 'fallback':
        c.fallbacks++;
        break;
      case 'schedules-set':
        c.schedulesSet++;
        break;
      case 'schedules-rejected':
        c.schedulesRejected++;
        break;
      case 'message-dropped':
        c.dropped++;
        break;
      case 'http':
        if (r.ok) c.httpOk++;
        else c.httpFailed++;
        break;
      case 'offboarded':
        c.offboarded++;
        break;
      case 'connection':
      case 'run-started':
        break;
    }
  };
  return { counters: c, sink };
}
