import type { JournalEntryType } from '../inventory/journal-entry';

/** The families the Activity page filters by; every journal entry type belongs to exactly one. */
export const ACTIVITY_CATEGORIES = [
  'callbacks',
  'links',
  'data',
  'control',
  'notes',
  'signals',
  'settings',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<ActivityCategory, string> = {
  callbacks: 'Callbacks (incl. refused)',
  links: 'Links and inbox',
  data: 'Contracts and data',
  control: 'Commands, leases, rollouts',
  notes: 'Operator notes',
  signals: 'Seen on MQTT',
  settings: 'Settings, tokens, broker',
};

/** One word per category, for the Activity table's narrow column (the filter chips say it in full). */
export const CATEGORY_SHORT_LABELS: Record<ActivityCategory, string> = {
  callbacks: 'Callback',
  links: 'Link',
  data: 'Data',
  control: 'Control',
  notes: 'Note',
  signals: 'MQTT',
  settings: 'Settings',
};

/**
 * A `Record` over every entry type, so adding a type to the journal without placing it here
 * fails the type check instead of leaving it out of every filter.
 */
const CATEGORY_OF: Record<JournalEntryType, ActivityCategory> = {
  'callback.onboarding': 'callbacks',
  'callback.offboarding': 'callbacks',
  'callback.health': 'callbacks',
  'callback.refused': 'callbacks',
  'link.created': 'links',
  'link.ended': 'links',
  'inbox.rejected': 'links',
  'contract.imported': 'data',
  'backup.restored': 'data',
  'command.created': 'control',
  'command.outcome': 'control',
  'command.refused': 'control',
  'lease.released': 'control',
  'rollout.started': 'control',
  'rollout.changed': 'control',
  'note.added': 'notes',
  'signal.seen': 'signals',
  'settings.changed': 'settings',
  // Added Nov 2026, after the types above: the in-memory indexes code types by position.
  'token.created': 'settings',
  'token.revoked': 'settings',
  'broker.changed': 'settings',
  'backup.created': 'data',
  // Appended for the same reason. It changes how a lease is refreshed, so it sits with control.
  'installation.fallbackSet': 'control',
};

export function categoryOf(type: JournalEntryType): ActivityCategory {
  return CATEGORY_OF[type];
}

/** Every entry type, in a fixed order (their position is the index's compact type code). */
export const ENTRY_TYPES = Object.keys(CATEGORY_OF) as JournalEntryType[];

/** Each entry type's position in ENTRY_TYPES: the compact code the in-memory indexes store. */
export const ENTRY_TYPE_CODE: ReadonlyMap<string, number> = new Map(
  ENTRY_TYPES.map((type, code) => [type, code]),
);
