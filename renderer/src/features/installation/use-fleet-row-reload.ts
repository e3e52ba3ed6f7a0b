import { useEffect } from 'react';
import { useApi } from '../../api';

/**
 * The page fetches again at most this often for fleet changes: a controller answering commands
 * names its row in every batch (4×/s), and each fetch reads its timeline from the journal.
 */
export const FLEET_RELOAD_MS = 1_000;

/**
 * Calls `reload` when a `fleet.changed` batch names `serial` or replaces every row (a restore,
 * maybe from another window). The core concludes some things without a journal entry, so without
 * an `installation.changed`: stale after MQTT silence, the newest feedback, a restore's data. The
 * first change reloads at once, later ones at most once per FLEET_RELOAD_MS, the last one always.
 */
export function useFleetRowReload(serial: string, reload: () => void): void {
  const api = useApi();
  useEffect(() => {
    let lastAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      lastAt = Date.now();
      reload();
    };
    const off = api.on('fleet.changed', (delta) => {
      if (delta.reset !== true && !delta.upserts.some((row) => row.serial === serial)) return;
      // One reload is already due: it will fetch this change too.
      if (timer !== undefined) return;
      const wait = lastAt + FLEET_RELOAD_MS - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, serial, reload]);
}
