import type {
  SaveBrokerProfileRequest,
  TestBrokerProfileRequest,
} from '../../../../shared/contract/broker-methods';
import { isAddressError, parseBrokerAddress } from '../../../../shared/domain/broker/broker-address';
import { BrokerProfileSchema, type BrokerProfile } from '../../../../shared/domain/broker/broker-profile';

/** The broker form as typed: strings for text fields, so a half-typed value is never lost. */
export type BrokerFormValues = {
  id: string;
  name: string;
  url: string;
  fallbackUrl: string;
  username: string;
  /** Write-only: empty = keep the stored password. */
  password: string;
  forgetPassword: boolean;
  caFile: string;
  certFile: string;
  keyFile: string;
  rejectUnauthorized: boolean;
  protocol: 'auto' | '5' | '4';
  allowWildcard: boolean;
  keepaliveSeconds: number | string;
};

export type BrokerFormField = Exclude<keyof BrokerFormValues, 'id'>;
export type BrokerFormErrors = Partial<Record<BrokerFormField | 'form', string>>;

/** A fresh id for a new profile; readable in settings.json, unique enough for one desk. */
export function newProfileId(now: number = Date.now()): string {
  return `broker-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export function emptyBrokerForm(id: string = newProfileId()): BrokerFormValues {
  return {
    id,
    name: '',
    url: 'mqtt://mqtt.eniris.be:1883',
    fallbackUrl: '',
    username: '',
    password: '',
    forgetPassword: false,
    caFile: '',
    certFile: '',
    keyFile: '',
    rejectUnauthorized: true,
    protocol: 'auto',
    allowWildcard: false,
    keepaliveSeconds: 30,
  };
}

export function brokerFormFrom(profile: BrokerProfile): BrokerFormValues {
  return {
    id: profile.id,
    name: profile.name,
    url: profile.url,
    fallbackUrl: profile.fallbackUrl ?? '',
    username: profile.username ?? '',
    password: '',
    forgetPassword: false,
    caFile: profile.caFile ?? '',
    certFile: profile.certFile ?? '',
    keyFile: profile.keyFile ?? '',
    rejectUnauthorized: profile.rejectUnauthorized,
    protocol: profile.protocol === 'auto' ? 'auto' : profile.protocol === 5 ? '5' : '4',
    allowWildcard: profile.allowWildcard,
    keepaliveSeconds: profile.keepaliveSeconds,
  };
}

/** The inline error of a URL field as the operator types; empty is fine for the optional backup. */
export function urlProblem(url: string, required: boolean): string | undefined {
  if (url.trim() === '')
    return required ? 'enter the broker address, e.g. mqtt://mqtt.eniris.be:1883' : undefined;
  const parsed = parseBrokerAddress(url.trim());
  return isAddressError(parsed) ? parsed.error : undefined;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

function profileInput(v: BrokerFormValues): BrokerProfile {
  const fallbackUrl = optional(v.fallbackUrl);
  const username = optional(v.username);
  const caFile = optional(v.caFile);
  const certFile = optional(v.certFile);
  const keyFile = optional(v.keyFile);
  return {
    id: v.id,
    name: v.name.trim(),
    url: v.url.trim(),
    ...(fallbackUrl !== undefined && { fallbackUrl }),
    ...(username !== undefined && { username }),
    ...(caFile !== undefined && { caFile }),
    ...(certFile !== undefined && { certFile }),
    ...(keyFile !== undefined && { keyFile }),
    rejectUnauthorized: v.rejectUnauthorized,
    protocol: v.protocol === 'auto' ? 'auto' : v.protocol === '5' ? 5 : 4,
    allowWildcard: v.allowWildcard,
    keepaliveSeconds: typeof v.keepaliveSeconds === 'number' ? v.keepaliveSeconds : Number.NaN,
  };
}

/** Validates with the shared profile schema; errors land on the field they concern. */
function validated(
  v: BrokerFormValues,
): { ok: true; profile: BrokerProfile } | { ok: false; errors: BrokerFormErrors } {
  const profile = profileInput(v);
  const parsed = BrokerProfileSchema.safeParse(profile);
  if (parsed.success) return { ok: true, profile };
  const errors: BrokerFormErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    const field = (key in v && key !== 'id' ? key : 'form') as BrokerFormField | 'form';
    const message = field === 'keepaliveSeconds' ? 'a whole number of seconds, 5 to 600' : issue.message;
    errors[field] ??= field === 'name' ? 'give the broker a name' : message;
  }
  return { ok: false, errors };
}

export function toSaveRequest(
  v: BrokerFormValues,
): { ok: true; request: SaveBrokerProfileRequest } | { ok: false; errors: BrokerFormErrors } {
  const checked = validated(v);
  if (!checked.ok) return checked;
  return {
    ok: true,
    request: {
      profile: checked.profile,
      ...(v.password !== '' && !v.forgetPassword && { password: v.password }),
      ...(v.forgetPassword && { forgetPassword: true }),
    },
  };
}

export function toTestRequest(
  v: BrokerFormValues,
): { ok: true; request: TestBrokerProfileRequest } | { ok: false; errors: BrokerFormErrors } {
  const checked = validated(v);
  if (!checked.ok) return checked;
  return {
    ok: true,
    request: { profile: checked.profile, ...(v.password !== '' && { password: v.password }) },
  };
}
