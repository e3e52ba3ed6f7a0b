import { z } from 'zod';
import { AssetGroupSchema, type AssetGroup } from '../../domain/control/live-command';
import { serialIsWholeLevel, templateProblems } from './templates';

/**
 * The protocol profile (protocol.md §6): every wire name Fleetdesk cannot take from a public
 * document, as data. Changing it is a settings change, never a code change. Objects are strict so a
 * misspelt setting is reported instead of silently ignored.
 */

/** Asset groups in wire order: the order their keys appear in a command's `fields`. */
export const ASSET_GROUPS: readonly AssetGroup[] = AssetGroupSchema.options;

/** Top-level payload names Fleetdesk adds (see encode-command.ts); a `fields` key must not reuse them. */
export const RESERVED_FIELD_KEYS: readonly string[] = ['validUntil', 'commandId'];

const name = (what: string) =>
  z
    .string({ error: `must be a string (${what})` })
    .min(1, { error: `must not be empty (${what})` })
    .max(100, { error: `must be at most 100 characters (${what})` })
    .regex(/^\S(.*\S)?$/, { error: `must not start or end with white space (${what})` });

const topicTemplate = z.string({ error: 'must be a topic template string' }).superRefine((t, ctx) => {
  for (const message of templateProblems(t, 'topic')) ctx.addIssue({ code: 'custom', message });
});

/** A dot path into the feedback JSON, e.g. `fields.state.storage.active_power_W`. */
const dotPath = z.string({ error: 'must be a dot path string' }).regex(/^[^.\s]+(\.[^.\s]+){0,15}$/, {
  error: 'must be a dot path like fields.state.storage.active_power_W (1-16 non-empty parts, no spaces)',
});

/** The message for a missing or mistyped section of the profile. */
const section = (contents: string) => `must be an object with ${contents}`;

const code = z.number({ error: 'must be a number' }).int({ error: 'must be an integer' });

export const GroupProfileSchema = z
  .strictObject(
    {
      /** `fields` key carrying the policy string. */
      policyKey: name('a fields key, e.g. storage_policy'),
      /** `fields` key carrying the power setpoint in watts. */
      setpointKey: name('a fields key, e.g. storage_power_setpoint_W'),
      /** The group's policy vocabulary. */
      policies: z.array(name('a policy name')).min(1, { error: 'list at least one policy' }).max(50),
      /** Policies that need a setpoint; every other policy takes none. */
      setpointPolicies: z.array(name('a policy name')).max(50),
      /** Whether a negative setpoint means something (storage: charge); otherwise setpoints are ≥ 0. */
      negativeSetpointAllowed: z.boolean({ error: 'must be true or false' }),
    },
    { error: section('policyKey, setpointKey, policies, setpointPolicies and negativeSetpointAllowed') },
  )
  .superRefine((g, ctx) => {
    for (const p of duplicates(g.policies)) {
      ctx.addIssue({ code: 'custom', path: ['policies'], message: `lists "${p}" twice; remove one` });
    }
    for (const p of duplicates(g.setpointPolicies)) {
      ctx.addIssue({ code: 'custom', path: ['setpointPolicies'], message: `lists "${p}" twice; remove one` });
    }
    for (const p of g.setpointPolicies.filter((s) => !g.policies.includes(s))) {
      ctx.addIssue({
        code: 'custom',
        path: ['setpointPolicies'],
        message: `"${p}" is not in policies; add it there or remove it here`,
      });
    }
  });
export type GroupProfile = z.infer<typeof GroupProfileSchema>;

export const ProtocolProfileSchema = z
  .strictObject(
    {
      topics: z.strictObject(
        {
          command: topicTemplate,
          feedback: topicTemplate,
          scheduleCommand: topicTemplate,
          scheduleFeedback: topicTemplate,
        },
        { error: section('command, feedback, scheduleCommand and scheduleFeedback topic templates') },
      ),
      nodeIdTemplate: z.string({ error: 'must be a template string' }).superRefine((t, ctx) => {
        for (const message of templateProblems(t, 'node id')) ctx.addIssue({ code: 'custom', message });
      }),
      /** Subscribe to feedback with one `+` filter instead of one topic per serial (broker permitting). */
      wildcardFeedback: z.boolean({ error: 'must be true or false' }),
      groups: z.strictObject(
        {
          storage: GroupProfileSchema,
          solar: GroupProfileSchema,
          ev: GroupProfileSchema,
          hvac: GroupProfileSchema,
        },
        { error: section('storage, solar, ev and hvac group settings') },
      ),
      /** Wire sign conventions; Fleetdesk's internal one is storage + = discharge, grid + = import. */
      signs: z.strictObject(
        {
          storageDischargePositive: z.boolean({ error: 'must be true or false' }),
          gridImportPositive: z.boolean({ error: 'must be true or false' }),
        },
        { error: section('storageDischargePositive and gridImportPositive') },
      ),
      feedbackPaths: z.strictObject(
        {
          time: dotPath,
          responseCode: dotPath,
          storageW: dotPath,
          socPct: dotPath,
          storedWh: dotPath,
          solarW: dotPath,
          gridW: dotPath,
        },
        { error: section('time, responseCode, storageW, socPct, storedWh, solarW and gridW dot paths') },
      ),
      responseCodes: z.strictObject(
        {
          accepted: code,
          malformed: code,
          unknownPolicy: code,
          setpointOutOfRange: code,
          groupNotPresent: code,
        },
        {
          error: section('accepted, malformed, unknownPolicy, setpointOutOfRange and groupNotPresent codes'),
        },
      ),
      /** Default validity of a command when the caller gives no `validUntil` (seconds after `now`). */
      commandValiditySeconds: z
        .number({ error: 'must be a number of seconds' })
        .int({ error: 'must be a whole number of seconds' })
        .min(1, { error: 'must be at least 1 second' })
        .max(3600, { error: 'must be at most 3600 seconds' }),
      /** Send Fleetdesk's `validUntil` and `commandId` additions (the simulator honours them). */
      fleetdeskExtensions: z.boolean({ error: 'must be true or false' }),
    },
    { error: 'must be a protocol profile object (start from the default profile)' },
  )
  .superRefine((p, ctx) => {
    const keys = ASSET_GROUPS.flatMap((g) => [
      { key: p.groups[g].policyKey, path: ['groups', g, 'policyKey'] },
      { key: p.groups[g].setpointKey, path: ['groups', g, 'setpointKey'] },
    ]);
    for (const { key, path } of keys) {
      const first = keys.find((k) => k.key === key);
      if (first !== undefined && first.path !== path) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${key}" is already used by ${first.path.join('.')}; keys must be distinct`,
        });
      }
      if (key === '__proto__') {
        // Assigned on a plain object it would set the prototype instead: the field would vanish.
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${key}" cannot be sent as a field name; pick another key`,
        });
      }
      if (RESERVED_FIELD_KEYS.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${key}" is reserved for Fleetdesk's own field; pick another key`,
        });
      }
    }
    const topics = Object.entries(p.topics);
    topics.forEach(([k, t], i) => {
      const other = topics.slice(0, i).find(([, u]) => u === t);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['topics', k],
          message: `is the same as topics.${other[0]}; each topic must differ`,
        });
      }
    });
    if (p.wildcardFeedback && !serialIsWholeLevel(p.topics.feedback)) {
      ctx.addIssue({
        code: 'custom',
        path: ['topics', 'feedback'],
        message:
          'wildcardFeedback needs {serial} to be a whole topic level (between two /); turn it off or change the template',
      });
    }
    const codes = Object.entries(p.responseCodes);
    codes.forEach(([k, c], i) => {
      const other = codes.slice(0, i).find(([, d]) => d === c);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['responseCodes', k],
          message: `${c} is already the code for ${other[0]}; codes must be distinct`,
        });
      }
    });
  });
export type ProtocolProfile = z.infer<typeof ProtocolProfileSchema>;

function duplicates(list: readonly string[]): string[] {
  return [...new Set(list.filter((x, i) => list.indexOf(x) !== i))];
}
