import type { Migration } from './migrations';

/**
 * Settings migrations by source version. Version 0 is a file without `schemaVersion` (or a fresh
 * one): it gains the version number and keeps every field it had; defaults fill the rest on load.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: (doc) => ({ ...doc }),
};
