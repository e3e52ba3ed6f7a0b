import { TrustedProxySchema } from './listener-limits';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, type Settings } from './settings';
import { SETTINGS_MIGRATIONS } from './settings-migrations';
import { migrate } from './migrations';

export type SettingsRead =
  /** `dropped`: trusted proxies an earlier build saved that the listener cannot use, and why. */
  { ok: true; value: Settings; dropped?: string[] } | { ok: false; reason: string };

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
  const proxies = usableProxies(listener['trustedProxies']);
  const candidate = {
    ...DEFAULT_SETTINGS,
    ...migrated,
    listener: { ...DEFAULT_SETTINGS.listener, ...listener, ...(proxies && { trustedProxies: proxies.kept }) },
    control: { ...DEFAULT_SETTINGS.control, ...control },
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success)
    return proxies && proxies.dropped.length > 0
      ? { ok: true, value: parsed.data, dropped: proxies.dropped }
      : { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return { ok: false, reason: `settings do not match the schema (${issues.join('; ')})` };
}

/**
 * Earlier builds saved trusted proxies that the listener cannot take (0.0.0.0/0 stopped it): those
 * entries are left out, each with its reason, rather than setting the whole file aside for them.
 */
function usableProxies(list: unknown): { kept: string[]; dropped: string[] } | undefined {
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) return undefined;
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const entry of list as string[]) {
    const checked = TrustedProxySchema.safeParse(entry);
    if (checked.success) kept.push(entry);
    else dropped.push(`${entry}: ${checked.error.issues[0]?.message ?? 'refused'}`);
  }
  return { kept, dropped };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
