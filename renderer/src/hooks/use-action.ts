import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/contract';

export interface Action<A extends unknown[], T> {
  /** Runs the call; resolves with its result (errors are data, never thrown). */
  run(...args: A): Promise<Result<T>>;
  pending: boolean;
  /** The message of the last failure, until the next run or `clear`. */
  error: string | undefined;
  clear(): void;
}

/** One API write with its in-flight flag and error message, for a button and its feedback. */
export function useAction<A extends unknown[], T>(
  call: (...args: A) => Promise<Result<T>>,
  onSuccess?: (value: T) => void,
): Action<A, T> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const latest = useRef({ call, onSuccess });
  useEffect(() => {
    latest.current = { call, onSuccess };
  });

  const run = useCallback(async (...args: A) => {
    setPending(true);
    setError(undefined);
    const result = await latest.current.call(...args);
    setPending(false);
    if (result.ok) latest.current.onSuccess?.(result.value);
    else setError(result.error.message);
    return result;
  }, []);

  const clear = useCallback(() => setError(undefined), []);
  return { run, pending, error, clear };
}
