/** Yield to the event loop this often while reading a segment's times, so archiving never stalls the API. */
const YIELD_EVERY = 2_000;

/**
 * The smallest and largest recording time (`at`) of the entries in a segment's bytes, or undefined
 * when no line holds one. Entries are in sequence order, not in time order: a clock set back (NTP
 * correcting a wrong hardware clock) puts later entries before earlier ones in time, so a file's
 * first and last entries do not bound the times inside it. Lines that do not parse are left out
 * (the journal's own check reports them; a search cannot show them either).
 */
export async function entryTimeRange(data: Buffer): Promise<{ minAt: number; maxAt: number } | undefined> {
  let minAt = Infinity;
  let maxAt = -Infinity;
  let lines = 0;
  for (let start = 0, nl = data.indexOf(10); nl >= 0; start = nl + 1, nl = data.indexOf(10, start)) {
    const at = atOf(data.toString('utf8', start, nl));
    if (at !== undefined) {
      if (at < minAt) minAt = at;
      if (at > maxAt) maxAt = at;
    }
    if (++lines % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return minAt <= maxAt ? { minAt, maxAt } : undefined;
}

function atOf(line: string): number | undefined {
  try {
    const value = (JSON.parse(line) as { at?: unknown } | null)?.at;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
