import {
  DEFAULT_PROFILE,
  ProtocolProfileSchema,
  decodeFeedback,
  feedbackTopic,
  nodeIdFor,
  previewProfile,
  PREVIEW_NOW_MS,
  type FeedbackValues,
  type ProfilePreview,
  type ProtocolProfile,
} from '../../../../shared/protocol/profile';

/** The draft in the editor: JSON text, what it parses to, and each problem under the setting it concerns. */
export type ProfileDraft =
  | { kind: 'json-error'; message: string }
  | { kind: 'invalid'; errors: Array<{ field: string; message: string }> }
  | { kind: 'valid'; profile: ProtocolProfile };

export const profileText = (profile: ProtocolProfile | Readonly<ProtocolProfile>): string =>
  JSON.stringify(profile, null, 2);

/** Parses the editor's text and validates it with the shared profile schema (the core checks it again). */
export function readDraft(text: string): ProfileDraft {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'json-error', message: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = ProtocolProfileSchema.safeParse(json);
  if (parsed.success) return { kind: 'valid', profile: parsed.data };
  return {
    kind: 'invalid',
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length === 0 ? 'profile' : issue.path.map(String).join('.'),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown setting ${issue.keys.join(', ')}; remove or correct the name`
          : issue.message,
    })),
  };
}

/** What saving sends: null for the documented default, so a later default update reaches this desk. */
export const toSetting = (profile: ProtocolProfile): ProtocolProfile | null =>
  sameProfile(profile, DEFAULT_PROFILE) ? null : profile;

/** Both go through the schema, whose output lists keys in its own order, so their JSON compares. */
export const sameProfile = (a: unknown, b: unknown): boolean =>
  JSON.stringify(ProtocolProfileSchema.parse(a)) === JSON.stringify(ProtocolProfileSchema.parse(b));

/** Sample measurements in Fleetdesk's convention, shown next to what the decoder reads back. */
export const SAMPLE_VALUES: FeedbackValues = {
  storageW: 2500,
  socPct: 54.5,
  storedWh: 5450,
  solarW: 3000,
  gridW: -1200,
};

/** A feedback message as a controller following this profile would send it, with the sample values. */
export function sampleFeedback(profile: ProtocolProfile, serial: string): { topic: string; payload: string } {
  const root: Record<string, unknown> = { extraTags: { nodeId: nodeIdFor(profile, serial) } };
  const put = (path: string, value: unknown) => {
    const parts = path.split('.');
    let at = root;
    parts.slice(0, -1).forEach((part) => {
      const next = at[part];
      at[part] = typeof next === 'object' && next !== null ? next : {};
      at = at[part] as Record<string, unknown>;
    });
    at[parts[parts.length - 1] ?? path] = value;
  };
  const paths = profile.feedbackPaths;
  put(paths.time, Math.floor(PREVIEW_NOW_MS / 1000) + 10);
  put(paths.responseCode, profile.responseCodes.accepted);
  put(paths.storageW, (SAMPLE_VALUES.storageW ?? 0) * (profile.signs.storageDischargePositive ? 1 : -1));
  put(paths.socPct, SAMPLE_VALUES.socPct);
  put(paths.storedWh, SAMPLE_VALUES.storedWh);
  put(paths.solarW, SAMPLE_VALUES.solarW);
  put(paths.gridW, (SAMPLE_VALUES.gridW ?? 0) * (profile.signs.gridImportPositive ? 1 : -1));
  return { topic: feedbackTopic(profile, serial), payload: JSON.stringify(root) };
}

export type ProfilePreviewView =
  | { ok: false; errors: string[] }
  | {
      ok: true;
      preview: ProfilePreview;
      feedback: { topic: string; payload: string; decoded: FeedbackValues | null; problem: string | null };
    };

/** The Settings preview: command topic and payload, and a sample feedback decoded through the profile. */
export function previewFor(profile: ProtocolProfile, serial: string): ProfilePreviewView {
  const built = previewProfile(profile, serial);
  if (!built.ok) return built;
  const feedback = sampleFeedback(profile, serial);
  const decoded = decodeFeedback(profile, feedback.topic, feedback.payload);
  return {
    ok: true,
    preview: built.preview,
    feedback: {
      ...feedback,
      decoded: decoded.ok ? decoded.values : null,
      problem: decoded.ok ? decoded.issues.join('; ') || null : decoded.reason,
    },
  };
}

/**
 * Which settings are inferred rather than documented (protocol.md, tags [INF] and [GAP]): those are
 * the ones most likely to need changing once the real controllers are seen.
 */
export const INFERRED_FIELDS: Array<{ field: string; source: 'INF' | 'GAP'; why: string }> = [
  { field: 'topics.command', source: 'INF', why: 'by analogy with the scheduled topic' },
  { field: 'groups.*.policyKey, groups.*.setpointKey', source: 'INF', why: 'key names are not published' },
  {
    field: 'groups.*.policies',
    source: 'GAP',
    why: 'only self-consumption, cost and feed-in-restriction are seen in public code',
  },
  { field: 'signs', source: 'GAP', why: 'the sign convention is not documented' },
  {
    field: 'feedbackPaths.storageW, socPct, storedWh, solarW',
    source: 'INF',
    why: 'reuse of the measurement vocabulary',
  },
  {
    field: 'responseCodes',
    source: 'INF',
    why: '0 = accepted is inferred; the other codes are Fleetdesk defaults',
  },
  { field: 'wildcardFeedback', source: 'GAP', why: "whether the broker's ACL allows + is not documented" },
];
