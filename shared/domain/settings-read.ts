import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, type Settings } from './settings';
import { SETTINGS_MIGRATIONS } from './settings-migrations';
import { migrate } from './migrations';

export type SettingsRead = { ok: true; value: Settings } | { ok: false; reason: string };

/**
 * Turns a stored settings document into current settings: migrate to this build's version, fill
 * fields added since with defaults, then validate. Pure; a failure names what is wrong.
 */
export function readSettings(doc: Record<string, unknown>): SettingsRead {
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(doc, SETTINGS_VERSION, SETTINGS_MIGRATIONS);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const listener = isRecord(migrated['listener']) ? migrated['listener'] : {};
  const control = isRecord(migrated['control']) ? migrated['control'] : {};
  const candidate = {
    ...DEFAULT_SETTINGS,
    ...migrated,
    listener: { ...DEFAULT_SETTINGS.listener, ...listener },
    control: { ...DEFAULT_SETTINGS.control, ...control },
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return { ok: false, reason: `settings do not match the schema (${issues.join('; ')})` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
