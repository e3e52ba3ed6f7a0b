import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, Result } from '../../../shared/contract';
import { useApi, useOnReconnect } from '../api';

export type QueryState<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

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
 * answer for an old key never overwrites the current one.
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
      if (result.ok) setState({ kind: 'ready', value: result.value });
      // Keep showing the last good value when a refresh fails; say so only when there is none.
      else
        setState((prev) =>
          prev.kind === 'ready' ? prev : { kind: 'failed', message: result.error.message },
        );
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
