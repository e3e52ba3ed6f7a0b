import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FleetCounters, FleetDelta } from '../../../../shared/domain/fleet/fleet-row';
import { useApi, useOnReconnect } from '../../api';
import { applyDelta, compareWorstFirst, indexRow, type FleetEntry } from './fleet-model';

type Loaded = { rows: ReadonlyMap<string, FleetEntry>; counters: FleetCounters };
type FleetState = { kind: 'loading' } | { kind: 'failed'; message: string } | ({ kind: 'ready' } & Loaded);

export type FleetData =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; reload(): void }
  | { kind: 'ready'; entries: readonly FleetEntry[]; counters: FleetCounters };

/**
 * Every installation row, kept live: `fleet.changed` upserts are merged by serial into the map
 * (no reload), and its counters replace ours. Deltas that arrive while the list is being fetched
 * are held and applied on top of it, like settings in boot: they are at least as new.
 */
export function useFleet(): FleetData {
  const api = useApi();
  const [state, setState] = useState<FleetState>({ kind: 'loading' });
  // Deltas waiting for the list; null once it is in and deltas apply directly.
  const held = useRef<FleetDelta[] | null>([]);

  const load = useCallback(() => {
    held.current ??= [];
    void api.fleet.list().then((result) => {
      const waiting = held.current ?? [];
      held.current = null;
      if (!result.ok) return setState({ kind: 'failed', message: result.error.message });
      let rows = new Map(result.value.rows.map((row) => [row.serial, indexRow(row)]));
      let counters = result.value.counters;
      for (const delta of waiting) {
        rows = applyDelta(rows, delta);
        counters = delta.counters;
      }
      setState({ kind: 'ready', rows, counters });
    });
  }, [api]);

  useEffect(() => {
    const off = api.on('fleet.changed', (delta) => {
      if (held.current) held.current.push(delta);
      else
        setState((prev) =>
          prev.kind === 'ready'
            ? { kind: 'ready', rows: applyDelta(prev.rows, delta), counters: delta.counters }
            : prev,
        );
    });
    load();
    return off;
  }, [api, load]);

  useOnReconnect(load);

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    load();
  }, [load]);

  // Sorted worst-first once per change, so filtering (per keystroke) only has to keep order.
  const entries = useMemo(
    () => (state.kind === 'ready' ? [...state.rows.values()].sort(compareWorstFirst) : []),
    [state],
  );

  switch (state.kind) {
    case 'loading':
      return state;
    case 'failed':
      return { kind: 'failed', message: state.message, reload: retry };
    case 'ready':
      return { kind: 'ready', entries, counters: state.counters };
  }
}
