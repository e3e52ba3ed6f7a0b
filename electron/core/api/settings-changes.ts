import { isDeepStrictEqual } from 'node:util';
import type { Settings } from '../../../shared/domain/settings';

type Values = Record<string, unknown>;

/** The groups of settings whose fields change one by one; any other key changes as a whole. */
const GROUPS = new Set<string>(['listener', 'control']);

/**
 * What a settings change changed, for the audit trail: the new and the replaced values of each
 * field that differs (a group's fields one level down), nothing for what stayed the same.
 * Undefined when nothing changed, so saving an untouched form records nothing.
 */
export function settingsChanges(
  before: Settings,
  after: Settings,
): { patch: Values; previous: Values } | undefined {
  const patch: Values = {};
  const previous: Values = {};
  const was = before as unknown as Values;
  const now = after as unknown as Values;
  for (const key of Object.keys(now)) {
    if (isDeepStrictEqual(was[key], now[key])) continue;
    if (GROUPS.has(key)) {
      const oldGroup = (was[key] ?? {}) as Values;
      const newGroup = now[key] as Values;
      const changed: Values = {};
      const replaced: Values = {};
      for (const field of Object.keys(newGroup)) {
        if (isDeepStrictEqual(oldGroup[field], newGroup[field])) continue;
        changed[field] = newGroup[field];
        replaced[field] = oldGroup[field] ?? null;
      }
      patch[key] = changed;
      previous[key] = replaced;
    } else {
      patch[key] = now[key];
      previous[key] = was[key] ?? null;
    }
  }
  return Object.keys(patch).length === 0 ? undefined : { patch, previous };
}
