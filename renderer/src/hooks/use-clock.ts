import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs` while the component is mounted: for a countdown in
 * seconds, which the shared 30 s clock of `useNow` is too coarse for. Mount it only while shown.
 */
export function useClock(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
