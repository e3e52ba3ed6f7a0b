import { DEFAULT_PROFILE } from '../../protocol/profile/default-profile';
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

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `listener.perAddressPerMinute 600 → 1200, operatorName "" → "Ann",
 * protocolProfile.topics.feedback "site/{serial}/fb" → "lab/{serial}/fb"`: each changed leaf,
 * with its old and new value when both are short, so a changed protocol profile says which of its
 * fields changed rather than only that it did. Entries written before the old values were kept
 * name the top-level fields only.
 */
export function describeSettingsChange(patch: Values, previous: Values | undefined): string {
  const parts: string[] = [];
  const leaf = (name: string, now: unknown, was: unknown) => {
    const [to, from] = [shown(now), shown(was)];
    parts.push(to !== undefined && from !== undefined ? `${name} ${from} → ${to}` : name);
  };
  const walk = (name: string, now: unknown, was: unknown) => {
    if (!isGroup(now) || !isGroup(was)) return leaf(name, now, was);
    // The new value's fields first, then any the new value no longer has.
    const keys = new Set([...Object.keys(now), ...Object.keys(was)]);
    for (const key of keys) if (!same(now[key], was[key])) walk(`${name}.${key}`, now[key], was[key]);
  };
  for (const [key, now] of Object.entries(patch)) {
    if (previous === undefined) parts.push(key);
    else if (key === 'protocolProfile') {
      // Null stands for the default profile: compare against it, and say when it is back.
      walk(key, now ?? DEFAULT_PROFILE, previous[key] ?? DEFAULT_PROFILE);
      if (now === null) parts.push('protocolProfile back to the default');
    } else walk(key, now, previous[key]);
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
