import type { EntryOf } from '../inventory/journal-entry';

type Values = Record<string, unknown>;

/** Longer values (a whole protocol profile) are named, not printed: the entry itself keeps them. */
const MAX_VALUE_CHARS = 40;

function shown(value: unknown): string | undefined {
  const text = JSON.stringify(value ?? null);
  return text.length <= MAX_VALUE_CHARS ? text : undefined;
}

function isGroup(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `listener.perAddressPerMinute 600 → 1200, operatorName "" → "Ann", protocolProfile`: each
 * changed field, with its old and new value when both are short. Entries written before the old
 * values were kept name the fields only.
 */
export function describeSettingsChange(patch: Values, previous: Values | undefined): string {
  const parts: string[] = [];
  const field = (name: string, now: unknown, was: unknown, known: boolean) => {
    const [to, from] = [shown(now), shown(was)];
    parts.push(known && to !== undefined && from !== undefined ? `${name} ${from} → ${to}` : name);
  };
  for (const [key, now] of Object.entries(patch)) {
    const was = previous?.[key];
    // `listener` and `control` change field by field; older entries kept whole groups.
    if (isGroup(now) && previous !== undefined && isGroup(was)) {
      for (const [sub, value] of Object.entries(now)) field(`${key}.${sub}`, value, was[sub], true);
    } else field(key, now, was, previous !== undefined);
  }
  return parts.join(', ');
}

/** `Connected to the broker mqtt://broker:1883 (profile "Main")`, and the like. */
export function describeBrokerChange(entry: EntryOf<'broker.changed'>): string {
  const profile = entry.profile === undefined ? '' : `"${entry.profile}"`;
  const at = entry.url === undefined ? '' : ` (${entry.url})`;
  switch (entry.action) {
    case 'profile-saved':
      return `Broker profile ${profile} saved${at}`;
    case 'profile-deleted':
      return `Broker profile ${profile} deleted${at}`;
    case 'connected':
      return `Connected to the broker${entry.url === undefined ? '' : ` ${entry.url}`}${profile ? ` (profile ${profile})` : ''}`;
    case 'disconnected':
      return 'Disconnected from the broker';
  }
}
