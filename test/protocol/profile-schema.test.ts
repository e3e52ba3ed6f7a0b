import { describe, expect, it } from 'vitest';
import { parseProtocolProfile, type ProtocolProfile } from '../../shared/protocol/profile';
import { customProfile, defaults } from './fixtures';

/** Applies `edit` to a copy of the default profile and returns the errors (or [] when valid). */
function errorsAfter(edit: (p: ProtocolProfile & Record<string, unknown>) => void): string[] {
  const p = defaults() as ProtocolProfile & Record<string, unknown>;
  edit(p);
  const r = parseProtocolProfile(p);
  return r.ok ? [] : r.errors;
}

describe('ProtocolProfileSchema', () => {
  it('accepts a profile that renames everything', () => {
    expect(parseProtocolProfile(customProfile()).ok).toBe(true);
  });

  it.each<[string, (p: ProtocolProfile & Record<string, unknown>) => void, string]>([
    [
      'no {serial}',
      (p) => (p.topics.command = 'standard1/rp_one_s/x'),
      'topics.command: must contain {serial} exactly once (found 0)',
    ],
    [
      '{serial} twice',
      (p) => (p.topics.feedback = 'a/{serial}/{serial}'),
      'topics.feedback: must contain {serial} exactly once (found 2)',
    ],
    [
      '+ wildcard',
      (p) => (p.topics.command = 'a/+/{serial}'),
      "topics.command: must not contain the MQTT wildcards '+' or '#'",
    ],
    [
      '# wildcard',
      (p) => (p.topics.scheduleFeedback = 'a/{serial}/#'),
      "topics.scheduleFeedback: must not contain the MQTT wildcards '+' or '#'",
    ],
    [
      'a typo in the placeholder',
      (p) => (p.topics.command = 'a/{serial}/{serail}'),
      'topics.command: has "{serail}": the only placeholder is {serial}',
    ],
    [
      'an empty level',
      (p) => (p.topics.command = '/a/{serial}'),
      'topics.command: must not have an empty topic level',
    ],
    ['a $ topic', (p) => (p.topics.command = '$SYS/{serial}'), "topics.command: must not start with '$'"],
    ['an empty template', (p) => (p.topics.command = ''), 'topics.command: must not be empty'],
    ['white space', (p) => (p.topics.command = 'a b/{serial}'), 'topics.command: must not contain spaces'],
    [
      'node id without serial',
      (p) => (p.nodeIdTemplate = 'site_0'),
      'nodeIdTemplate: must contain {serial} exactly once (found 0)',
    ],
    [
      'two equal topics',
      (p) => (p.topics.feedback = p.topics.command),
      'topics.feedback: is the same as topics.command',
    ],
    ['an empty key', (p) => (p.groups.ev.policyKey = ''), 'groups.ev.policyKey: must not be empty'],
    [
      'a key used twice',
      (p) => (p.groups.solar.setpointKey = 'storage_power_setpoint_W'),
      'groups.solar.setpointKey: "storage_power_setpoint_W" is already used by groups.storage.setpointKey',
    ],
    [
      'a reserved key',
      (p) => (p.groups.hvac.setpointKey = 'validUntil'),
      'groups.hvac.setpointKey: "validUntil" is reserved',
    ],
    [
      // Assigned on a plain object, this name sets its prototype: the field would vanish from every command.
      'the key __proto__',
      (p) => (p.groups.storage.policyKey = '__proto__'),
      'groups.storage.policyKey: "__proto__" cannot be sent as a field name',
    ],
    [
      'an empty vocabulary',
      (p) => (p.groups.hvac.policies = []),
      'groups.hvac.policies: list at least one policy',
    ],
    [
      'a duplicate policy',
      (p) => (p.groups.storage.policies = ['cost', 'setpoint', 'cost']),
      'groups.storage.policies: lists "cost" twice',
    ],
    [
      'a setpoint policy outside the vocabulary',
      (p) => (p.groups.solar.setpointPolicies = ['cap']),
      'groups.solar.setpointPolicies: "cap" is not in policies',
    ],
    [
      'a bad feedback path',
      (p) => (p.feedbackPaths.socPct = 'fields..soc'),
      'feedbackPaths.socPct: must be a dot path',
    ],
    [
      'equal response codes',
      (p) => (p.responseCodes.groupNotPresent = 3),
      'responseCodes.groupNotPresent: 3 is already the code for setpointOutOfRange',
    ],
    [
      'a fractional response code',
      (p) => (p.responseCodes.malformed = 1.5),
      'responseCodes.malformed: must be an integer',
    ],
    [
      'zero validity',
      (p) => (p.commandValiditySeconds = 0),
      'commandValiditySeconds: must be at least 1 second',
    ],
    ['a misspelt setting', (p) => (p['wildcardFeedbak'] = true), 'profile: unknown setting wildcardFeedbak'],
    [
      'a misspelt sign',
      (p) => ((p.signs as Record<string, unknown>)['storageDischargePositve'] = true),
      'signs: unknown setting storageDischargePositve',
    ],
    [
      'a string for a boolean',
      (p) => ((p as Record<string, unknown>)['fleetdeskExtensions'] = 'yes'),
      'fleetdeskExtensions: must be true or false',
    ],
    [
      'wildcard feedback with a partial-level serial',
      (p) => {
        p.wildcardFeedback = true;
        p.topics.feedback = 'fb/sn-{serial}';
      },
      'topics.feedback: wildcardFeedback needs {serial} to be a whole topic level',
    ],
  ])('rejects %s with a message that says what to fix', (_name, edit, message) => {
    const errors = errorsAfter(edit);
    expect(
      errors.some((e) => e.startsWith(message)),
      `errors: ${JSON.stringify(errors)}`,
    ).toBe(true);
  });

  it('reports every problem at once, not only the first', () => {
    const errors = errorsAfter((p) => {
      p.topics.command = 'x/+';
      p.groups.ev.policies = [];
      p.responseCodes.accepted = 1;
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects what is not a profile at all', () => {
    for (const input of [null, 42, 'profile', [], {}]) {
      const r = parseProtocolProfile(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});
