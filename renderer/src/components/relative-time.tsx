import { useNow } from '../hooks/use-now';
import { formatDateTime, formatRelative } from '../lib/format';

/** "5 minutes ago", kept current, with the exact time on hover (a plain title: cheap in big tables). */
export function RelativeTime({ at }: { at: number | null }) {
  const now = useNow();
  if (at === null) return <span>never</span>;
  const exact = formatDateTime(at);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact}>
      {formatRelative(at, now)}
    </time>
  );
}
