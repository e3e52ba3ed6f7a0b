import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '../../../../shared/domain/notice';
import { useApi, useOnReconnect } from '../../api';

export interface NoticesState {
  notices: readonly Notice[];
  /** Why the last load or dismiss failed, if it did. */
  error: string | undefined;
  dismiss(id: string): void;
}

/** The core's notices, kept live from `notices.changed`. */
export function useNotices(): NoticesState {
  const api = useApi();
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    const result = await api.notices.list();
    if (result.ok) setNotices(result.value);
    else setError(`Could not load notices: ${result.error.message}`);
  }, [api]);

  useEffect(() => {
    const off = api.on('notices.changed', (next) => setNotices(next));
    void load();
    return off;
  }, [api, load]);

  useOnReconnect(() => void load());

  const dismiss = useCallback(
    (id: string) => {
      setError(undefined);
      void api.notices.dismiss({ id }).then((result) => {
        if (result.ok) setNotices(result.value);
        else setError(`Could not dismiss the notice: ${result.error.message}`);
      });
    },
    [api],
  );

  return { notices, error, dismiss };
}
