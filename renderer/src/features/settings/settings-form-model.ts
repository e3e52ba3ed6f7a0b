import type { z } from 'zod';
import { halfTlsSetup, type ListenerTlsFiles } from '../../../../shared/domain/listener-tls';
import { SettingsPatchSchema, type Settings, type SettingsPatch } from '../../../../shared/domain/settings';
import { outOfRangeText, rangeAt } from './field-ranges';

/**
 * The settings form flattened to one value per input. Number inputs hold a string while the
 * operator is mid-edit (empty, "-"), so those two fields accept both.
 */
export interface FormValues {
  operatorName: string;
  theme: Settings['theme'];
  language: Settings['language'];
  stalePeriods: number | string;
  healthPeriodSeconds: number | string;
  autoLinkExactMatches: boolean;
  alarmNotifications: boolean;
  listenerHost: string;
  listenerPort: number | string;
  listenerPublicUrl: string;
  listenerTlsCertFile: string;
  listenerTlsKeyFile: string;
  listenerPerAddress: number | string;
  listenerPerBoundToken: number | string;
  listenerPerIntegrationToken: number | string;
  /** One proxy address or CIDR block per line (commas and spaces also separate). */
  listenerTrustedProxies: string;
  controlPublishesPerSecond: number | string;
  controlConfirmAboveHomes: number | string;
  controlConfirmAboveKw: number | string;
  journalOnlineDays: number | string;
  journalOnlineMiB: number | string;
}
export type FieldName = keyof FormValues;
/** Messages per input; `form` holds one that belongs to no single input. */
export type FieldErrors = Partial<Record<FieldName | 'form', string>>;
export type PatchResult = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors };

/** The form's values for saved settings. */
export function toFormValues(s: Settings): FormValues {
  return {
    operatorName: s.operatorName,
    theme: s.theme,
    language: s.language,
    stalePeriods: s.stalePeriods,
    healthPeriodSeconds: s.healthPeriodSeconds,
    autoLinkExactMatches: s.autoLinkExactMatches,
    alarmNotifications: s.alarmNotifications,
    listenerHost: s.listener.host,
    listenerPort: s.listener.port,
    listenerPublicUrl: s.listener.publicUrl,
    listenerTlsCertFile: s.listener.tlsCertFile,
    listenerTlsKeyFile: s.listener.tlsKeyFile,
    listenerPerAddress: s.listener.perAddressPerMinute,
    listenerPerBoundToken: s.listener.perBoundTokenPerMinute,
    listenerPerIntegrationToken: s.listener.perIntegrationTokenPerMinute,
    listenerTrustedProxies: s.listener.trustedProxies.join('\n'),
    controlPublishesPerSecond: s.control.publishesPerSecond,
    controlConfirmAboveHomes: s.control.confirmAboveHomes,
    controlConfirmAboveKw: s.control.confirmAboveKw,
    journalOnlineDays: s.journalOnlineDays,
    journalOnlineMiB: s.journalOnlineMiB,
  };
}

/** True when a value differs from the saved one. */
export function isDirty(saved: Settings, values: FormValues): boolean {
  const base = toFormValues(saved);
  return (Object.keys(base) as FieldName[]).some((key) => base[key] !== values[key]);
}

/**
 * Builds the patch of exactly the fields that differ from the saved settings, checked with the
 * contract's own schema, so obvious mistakes are shown on the field before anything is sent.
 */
export function buildPatch(saved: Settings, values: FormValues): PatchResult {
  const errors: FieldErrors = {};
  const stalePeriods = toNumber(values.stalePeriods);
  const port = toNumber(values.listenerPort);
  const healthPeriodSeconds = toNumber(values.healthPeriodSeconds);
  if (stalePeriods === undefined) errors.stalePeriods = 'Enter a whole number.';
  if (healthPeriodSeconds === undefined) errors.healthPeriodSeconds = 'Enter a number of seconds.';
  if (port === undefined) errors.listenerPort = 'Enter a port number.';
  const limits = numbers(
    values,
    {
      perAddressPerMinute: 'listenerPerAddress',
      perBoundTokenPerMinute: 'listenerPerBoundToken',
      perIntegrationTokenPerMinute: 'listenerPerIntegrationToken',
    },
    'Enter a number of requests.',
    errors,
  );
  const trustedProxies = proxyList(values.listenerTrustedProxies);
  const control = numbers(values, CONTROL_FIELDS, 'Enter a number.', errors);
  const journal = numbers(values, JOURNAL_FIELDS, 'Enter a whole number.', errors);

  const patch: SettingsPatch = {};
  if (values.operatorName !== saved.operatorName) patch.operatorName = values.operatorName;
  if (values.theme !== saved.theme) patch.theme = values.theme;
  if (values.language !== saved.language) patch.language = values.language;
  if (stalePeriods !== undefined && stalePeriods !== saved.stalePeriods) patch.stalePeriods = stalePeriods;
  if (healthPeriodSeconds !== undefined && healthPeriodSeconds !== saved.healthPeriodSeconds)
    patch.healthPeriodSeconds = healthPeriodSeconds;
  if (values.autoLinkExactMatches !== saved.autoLinkExactMatches)
    patch.autoLinkExactMatches = values.autoLinkExactMatches;
  if (values.alarmNotifications !== saved.alarmNotifications)
    patch.alarmNotifications = values.alarmNotifications;
  const listener: NonNullable<SettingsPatch['listener']> = {};
  if (values.listenerHost !== saved.listener.host) listener.host = values.listenerHost;
  if (port !== undefined && port !== saved.listener.port) listener.port = port;
  if (values.listenerPublicUrl !== saved.listener.publicUrl) listener.publicUrl = values.listenerPublicUrl;
  if (values.listenerTlsCertFile !== saved.listener.tlsCertFile)
    listener.tlsCertFile = values.listenerTlsCertFile;
  if (values.listenerTlsKeyFile !== saved.listener.tlsKeyFile)
    listener.tlsKeyFile = values.listenerTlsKeyFile;
  for (const key of Object.keys(limits) as Array<keyof typeof limits>) {
    const value = limits[key];
    if (value !== undefined && value !== saved.listener[key]) listener[key] = value;
  }
  if (trustedProxies.join('\n') !== saved.listener.trustedProxies.join('\n'))
    listener.trustedProxies = trustedProxies;
  if (listener.tlsCertFile !== undefined || listener.tlsKeyFile !== undefined) {
    // The core refuses it too; here it shows under the input that is missing.
    const half = halfTlsSetup({
      tlsCertFile: values.listenerTlsCertFile,
      tlsKeyFile: values.listenerTlsKeyFile,
    });
    if (half !== undefined) errors[TLS_FIELDS[half.field]] = half.message;
  }
  if (Object.keys(listener).length > 0) patch.listener = listener;
  const controlPatch: NonNullable<SettingsPatch['control']> = {};
  for (const key of Object.keys(control) as Array<keyof typeof control>) {
    const value = control[key];
    if (value !== undefined && value !== saved.control[key]) controlPatch[key] = value;
  }
  if (Object.keys(controlPatch).length > 0) patch.control = controlPatch;
  for (const key of Object.keys(journal) as Array<keyof typeof journal>) {
    const value = journal[key];
    if (value !== undefined && value !== saved[key]) patch[key] = value;
  }

  const parsed = SettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOf(issue.path)] ??= messageOf(issue);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, patch };
}

/** An out-of-range number gets its range in words; other problems keep the schema's message. */
function messageOf(issue: z.core.$ZodIssue): string {
  const range = issue.code === 'too_small' || issue.code === 'too_big' ? rangeAt(issue.path) : undefined;
  return range ? outOfRangeText(range) : issue.message;
}

/**
 * The numbers typed in `fields` (setting key → input), keyed by setting; an input that holds no
 * number gets `message` in `errors` and is left out.
 */
function numbers<K extends string>(
  values: FormValues,
  fields: Record<K, FieldName>,
  message: string,
  errors: FieldErrors,
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const key of Object.keys(fields) as K[]) {
    const value = toNumber(values[fields[key]] as number | string);
    if (value === undefined) errors[fields[key]] = message;
    else out[key] = value;
  }
  return out;
}

/** The proxy list as typed: one entry per line, commas and spaces also separate, blanks dropped. */
function proxyList(text: string): string[] {
  return text.split(/[\s,]+/).filter((entry) => entry !== '');
}

function toNumber(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return trimmed === '' || !Number.isFinite(Number(trimmed)) ? undefined : Number(trimmed);
}

const TOP_FIELDS = new Set<string>([
  'operatorName',
  'theme',
  'language',
  'stalePeriods',
  'healthPeriodSeconds',
  'autoLinkExactMatches',
  'alarmNotifications',
  'journalOnlineDays',
  'journalOnlineMiB',
]);
const LISTENER_FIELDS: Partial<Record<string, FieldName>> = {
  host: 'listenerHost',
  port: 'listenerPort',
  publicUrl: 'listenerPublicUrl',
  tlsCertFile: 'listenerTlsCertFile',
  tlsKeyFile: 'listenerTlsKeyFile',
  perAddressPerMinute: 'listenerPerAddress',
  perBoundTokenPerMinute: 'listenerPerBoundToken',
  perIntegrationTokenPerMinute: 'listenerPerIntegrationToken',
  trustedProxies: 'listenerTrustedProxies',
};

const TLS_FIELDS = {
  tlsCertFile: 'listenerTlsCertFile',
  tlsKeyFile: 'listenerTlsKeyFile',
} as const satisfies Record<keyof ListenerTlsFiles, FieldName>;

const CONTROL_FIELDS = {
  publishesPerSecond: 'controlPublishesPerSecond',
  confirmAboveHomes: 'controlConfirmAboveHomes',
  confirmAboveKw: 'controlConfirmAboveKw',
} as const satisfies Record<keyof Settings['control'], FieldName>;

const JOURNAL_FIELDS = {
  journalOnlineDays: 'journalOnlineDays',
  journalOnlineMiB: 'journalOnlineMiB',
} as const satisfies Partial<Record<keyof Settings, FieldName>>;

/** Maps a schema issue path (`['listener', 'port']`) to the input that shows it. */
function fieldOf(path: readonly PropertyKey[]): FieldName | 'form' {
  const [head, sub] = path;
  if (head === 'listener' && typeof sub === 'string') return LISTENER_FIELDS[sub] ?? 'form';
  if (head === 'control' && typeof sub === 'string' && Object.hasOwn(CONTROL_FIELDS, sub))
    return CONTROL_FIELDS[sub as keyof typeof CONTROL_FIELDS];
  return typeof head === 'string' && TOP_FIELDS.has(head) ? (head as FieldName) : 'form';
}
