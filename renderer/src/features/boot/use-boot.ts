import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/domain/settings';
import { useApi, useConnection, useOnReconnect } from '../../api';
import { loadAppData } from './load-app-data';

export type BootState =
  | { phase: 'loading' }
  | { phase: 'ready'; info: AppInfo; settings: Settings }
  | { phase: 'error'; message: string };

export interface Boot {
  state: BootState;
  retry(): void;
  /** Takes settings the core just returned (after a save) without waiting for the event. */
  replaceSettings(settings: Settings): void;
}

/**
 * Loads app info and settings, keeps settings live from `settings.changed`, and publishes the phase
 * as `data-app-state` on <html>: the end-to-end tests wait on that marker instead of sleeping.
 */
export function useBoot(): Boot {
  const api = useApi();
  const connection = useConnection();
  const [state, setState] = useState<BootState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const replaceSettings = useCallback((settings: Settings) => {
    setState((prev) => (prev.phase === 'ready' ? { ...prev, settings } : prev));
  }, []);

  useEffect(() => {
    let live = true;
    // Subscribe before fetching, so a change made while the fetch is in flight is not lost.
    let pushed: Settings | undefined;
    const off = api.on('settings.changed', (settings) => {
      pushed = settings;
      replaceSettings(settings);
    });
    void loadAppData(api).then((loaded) => {
      if (!live) return;
      setState(
        loaded.ok
          ? { phase: 'ready', info: loaded.info, settings: pushed ?? loaded.settings }
          : { phase: 'error', message: loaded.message },
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [api, attempt, replaceSettings]);

  const retry = useCallback(() => {
    setState({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // Events sent while the link was down are lost: fetch again (which also refreshes app info).
  useOnReconnect(() => {
    if (state.phase === 'ready') {
      void loadAppData(api).then((loaded) => {
        if (loaded.ok)
          setState((prev) =>
            prev.phase === 'ready' ? { ...prev, info: loaded.info, settings: loaded.settings } : prev,
          );
      });
    }
  });

  // A boot that failed because the host was unreachable retries by itself once the link is back.
  useEffect(() => {
    if (connection.kind === 'open' && state.phase === 'error') retry();
    // Keyed on the session only: a new open should trigger this, not the error itself.
  }, [connection.session]);

  useEffect(() => {
    document.documentElement.dataset.appState = state.phase;
  }, [state.phase]);

  return { state, retry, replaceSettings };
}
