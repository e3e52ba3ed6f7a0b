import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, ErrorCode, Result } from '../../../shared/contract';
import { useApi, useOnReconnect } from '../api';

export type QueryState<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; code: ErrorCode; message: string };

export interface ApiQuery<T> {
  state: QueryState<T>;
  /** Fetches again; what is shown stays on screen until the answer arrives. */
  reload(): void;
  /** Takes a value the core returned from an action (which answers with the new state). */
  replace(value: T): void;
}

/**
 * One API read, fetched on mount and whenever `key` changes, and again after a reconnect (events
 * sent while the link was down are lost). Answers to superseded requests are dropped, so a slow
 * answer for an old key never overwrites the current one. A failed refetch keeps the last value,
 * except `not-found`, which is final.
 */
export function useApiQuery<T>(fetch: (api: ApiClient) => Promise<Result<T>>, key = ''): ApiQuery<T> {
  const api = useApi();
  const [state, setState] = useState<QueryState<T>>({ kind: 'loading' });
  const latest = useRef(fetch);
  const generation = useRef(0);
  useEffect(() => {
    latest.current = fetch;
  });

  const reload = useCallback(() => {
    const mine = ++generation.current;
    void latest.current(api).then((result) => {
      if (mine !== generation.current) return;
      if (result.ok) return setState({ kind: 'ready', value: result.value });
      const failed = { kind: 'failed', code: result.error.code, message: result.error.message } as const;
      // The thing read is gone (a restore removed it, another window deleted it): showing the last
      // value as current would invite actions that all fail "not found".
      if (result.error.code === 'not-found') return setState(failed);
      // Keep showing the last good value when a refresh fails for a while (the link, a busy core);
      // say so only when there is none.
      setState((prev) => (prev.kind === 'ready' ? prev : failed));
    });
  }, [api]);

  useEffect(() => {
    setState({ kind: 'loading' });
    reload();
    // Invalidate the answer of a request made for the previous key.
    return () => void ++generation.current;
  }, [reload, key]);

  useOnReconnect(reload);

  const replace = useCallback((value: T) => {
    ++generation.current;
    setState({ kind: 'ready', value });
  }, []);

  return { state, reload, replace };
}
