import { useEffect } from 'react';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import { useApi } from '../../api';
import { useAction, type Action } from '../../hooks/use-action';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

export interface InstallationData {
  query: ApiQuery<InstallationView>;
  addNote: Action<[text: string], InstallationView>;
  endLink: Action<[reason: string], InstallationView>;
}

/**
 * One installation's page data. It is fetched again whenever the core says this serial changed
 * (a callback, a link, a note from another window); actions answer with the new view.
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

  const addNote = useAction((text: string) => api.installation.addNote({ serial, text }), replace);
  const endLink = useAction((reason: string) => api.links.end({ serial, reason }), replace);
  return { query, addNote, endLink };
}
