import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type MutableRefObject,
  type SetStateAction,
} from 'react';
import type { Result } from '../../../../shared/contract';

export interface LoadMore {
  /** Fetches the entries older than the last ones shown and adds them below. */
  loadMore(): void;
  loadingMore: boolean;
  moreError: string | undefined;
}

export interface LoadMoreOptions<S, P> {
  state: S;
  setState: Dispatch<SetStateAction<S>>;
  /** Where the next older page starts; null when there is none. */
  cursorOf(state: S): number | null;
  fetchOlder(cursor: number): Promise<Result<P>>;
  /** The state with an older page added below. */
  append(prev: S, page: P): S;
}

/**
 * The "older entries" half of a list fetched page by page (the Activity list, the archive search).
 * `generation` is shared with the caller's own fetches: bumping it (a new filter) drops every answer
 * still on its way; `reset()` does that and clears the button's state.
 */
export function useLoadMore<S, P>(
  options: LoadMoreOptions<S, P>,
): LoadMore & { generation: MutableRefObject<number>; reset(): void } {
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const generation = useRef(0);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const loadMore = useCallback(() => {
    const { state, cursorOf, fetchOlder } = latest.current;
    const cursor = cursorOf(state);
    if (cursor === null) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    void fetchOlder(cursor).then((result) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!result.ok) return setMoreError(result.error.message);
      const { setState, append } = latest.current;
      setState((prev) => append(prev, result.value));
    });
  }, []);

  const reset = useCallback(() => {
    generation.current += 1;
    setLoadingMore(false);
    setMoreError(undefined);
  }, []);

  return { loadMore, loadingMore, moreError, generation, reset };
}
