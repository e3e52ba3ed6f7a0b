import type { z } from 'zod';
import { ProtocolProfileSchema, type ProtocolProfile } from './profile-schema';

export type ProfileParse = { ok: true; profile: ProtocolProfile } | { ok: false; errors: string[] };

/**
 * Validates a profile from settings or the Settings form. Each error names the setting and says
 * what to fix, e.g. `topics.command: must contain {serial} exactly once (found 0)`.
 */
export function parseProtocolProfile(input: unknown): ProfileParse {
  const result = ProtocolProfileSchema.safeParse(input);
  if (result.success) return { ok: true, profile: result.data };
  return { ok: false, errors: result.error.issues.map(formatIssue) };
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? 'profile' : issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; remove or correct the name`;
  }
  return `${where}: ${issue.message}`;
}
