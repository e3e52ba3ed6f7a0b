import { useEffect } from 'react';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import { useApi } from '../../api';
import { useAction, type Action } from '../../hooks/use-action';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';
import { useFleetRowReload } from './use-fleet-row-reload';

export interface InstallationData {
  query: ApiQuery<InstallationView>;
  addNote: Action<[text: string], InstallationView>;
  endLink: Action<[reason: string], InstallationView>;
  /** The operator's fallback timeout in seconds, or null to go back to onboarding's. */
  setFallback: Action<[seconds: number | null], InstallationView>;
}

/** While the core is still indexing older journal entries after a start, ask again this often. */
export const INCOMPLETE_TIMELINE_RETRY_MS = 3_000;

/**
 * One installation's page data. It is fetched again whenever the core says this serial changed
 * (a callback, a link, a note from another window), when its fleet row changes or a restore
 * replaces every row (stale after MQTT silence, new feedback: no journal entry says so), and
 * every few seconds while the timeline's count is still incomplete (right after a start); actions
 * answer with the new view.
 */
export function useInstallation(serial: string): InstallationData {
  const api = useApi();
  const query = useApiQuery((a) => a.installation.get({ serial }), serial);
  const { reload, replace } = query;

  useEffect(
    () =>
      api.on('installation.changed', (event) => {
        if (event.serials.includes(serial)) reload();
      }),
    [api, serial, reload],
  );
  useFleetRowReload(serial, reload);

  const incomplete = query.state.kind === 'ready' && !query.state.value.timelineComplete;
  useEffect(() => {
    if (!incomplete) return;
    const timer = setTimeout(reload, INCOMPLETE_TIMELINE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [incomplete, query.state, reload]);

  const addNote = useAction((text: string) => api.installation.addNote({ serial, text }), replace);
  const endLink = useAction((reason: string) => api.links.end({ serial, reason }), replace);
  const setFallback = useAction(
    (seconds: number | null) => api.installation.setFallback({ serial, seconds }),
    replace,
  );
  return { query, addNote, endLink, setFallback };
}
