import { useSyncExternalStore } from 'react';
import { useNow } from '../hooks/use-now';
import { formatDateTime, formatRelative } from '../lib/format';

/**
 * "5 minutes ago", kept current, with the exact time on hover (a plain title: cheap in big tables).
 * `expect="past"` (the default) is for events: one slightly ahead of the page clock just happened.
 * `expect="future"` is for times ahead by design (a lease's lapse, a deadline): "in 48 s", counted
 * down every second; clamping those to "just now" would show a lapse still to come as past.
 */
export function RelativeTime({ at, expect = 'past' }: { at: number | null; expect?: 'past' | 'future' }) {
  if (at === null) return <span>never</span>;
  return expect === 'future' ? <Until at={at} /> : <Ago at={at} />;
}

function Ago({ at }: { at: number }) {
  const now = useNow();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatRelative(at, now)}
    </time>
  );
}

function Until({ at }: { at: number }) {
  const now = useSecondClock();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatUntil(at, now)}
    </time>
  );
}

/**
 * A time expected ahead: "in 48 s", "in 5 min", "in 3 h"; "now" within a second either side (a
 * lapse the core is about to report); once well past, how long ago, never rounded to "now".
 */
export function formatUntil(at: number, now: number): string {
  const ms = at - now;
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 1) return 'now';
  const span = s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
  return ms > 0 ? `in ${span}` : `${span} ago`;
}

// One shared 1 s clock for every countdown on screen, running only while one is shown (as useNow).
const listeners = new Set<() => void>();
let second = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (timer === undefined) second = Date.now();
  timer ??= setInterval(() => {
    second = Date.now();
    for (const listener of [...listeners]) listener();
  }, 1000);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** While the clock is idle the shared value may be old: a first render catches up (stable within a second). */
function snapshot(): number {
  if (timer === undefined && Date.now() - second >= 1000) second = Date.now();
  return second;
}

function useSecondClock(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
