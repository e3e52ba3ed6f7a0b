/**
 * The journal hashes the canonical JSON of each entry, so its output may never change: a journal
 * written by any earlier build must still verify. The fast implementation is checked byte for byte
 * against the straightforward one it replaced (kept below as the reference) on realistic entries
 * and on generated values, including the awkward cases: unsorted and integer-like keys, escapes,
 * lone surrogates, `undefined` members and array items, -0, and deep nesting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEntry, type UnhashedEntry } from '../../electron/core/journal/line-codec';
import { canonicalJson } from '../../shared/domain/inventory/canonical-json';
import { GENESIS_HASH, type JournalDraft } from '../../shared/domain/inventory/journal-entry';
import {
  contractsDraft,
  healthDraft,
  linkDraft,
  offboardingDraft,
  onboardingDraft,
} from '../inventory/fixtures/drafts';

/** The implementation every existing journal was hashed with (shared/domain/inventory/canonical-json.ts before). */
function reference(value: unknown): string {
  const out = refStringify(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return out;
}
function refStringify(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => refStringify(item) ?? 'null').join(',')}]`;
      return `{${Object.keys(value as Record<string, unknown>)
        .sort()
        .flatMap((key) => {
          const member = refStringify((value as Record<string, unknown>)[key]);
          return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
        })
        .join(',')}}`;
    default:
      return undefined;
  }
}

const stamped = (draft: JournalDraft, seq: number) =>
  ({ ...draft, seq, prevHash: GENESIS_HASH }) as unknown as UnhashedEntry;

const fixtures: JournalDraft[] = [
  onboardingDraft('S1', 1, { contractNumber: 'C-1', colour: 'blue', 'zeta key': { b: 1, a: [2, null] } }),
  healthDraft('S1', 2, 'error', 'health:S1:e-1'),
  offboardingDraft('S1', 3, 'customer left — “quoted” \u2028 ✓'),
  linkDraft('S1', 'C-00001', 4),
  contractsDraft(3, 5),
  {
    type: 'command.created',
    at: 6,
    actor: 'Ada',
    serial: 'S1',
    commandId: 'c1',
    kind: 'live',
    groups: ['storage', 'heatpump'],
    command: { storage: { policy: 'setpoint', setpointW: -300.5 } },
    hold: true,
    validUntil: 60_006,
    topic: 't/S1',
    payload: '{"a":"\\n"}',
    reason: undefined,
  } as unknown as JournalDraft,
  {
    type: 'callback.refused',
    at: 7,
    actor: 'token:t1',
    endpoint: '/v1/health',
    reason: 'invalid body',
    tokenId: 't1',
    rawBody: '{"serialNumber": 12, "\\ud800": "\u0000\u001f"}',
    headers: { 'content-type': 'application/json' },
    errors: [{ field: 'serialNumber', message: 'Expected string' }],
  },
];

describe('canonical JSON', () => {
  it('writes exactly what the reference writes for every kind of journal entry, so hashes do not change', () => {
    fixtures.forEach((draft, i) => {
      const entry = stamped(draft, i + 1);
      expect(canonicalJson(entry)).toBe(reference(entry));
    });
    // And a known hash, computed by the build that wrote the first journals: a line it wrote still verifies.
    const golden = {
      type: 'callback.health',
      at: 1_790_000_000_000,
      actor: 'token:t1',
      serial: 'SG1-000001',
      requestId: 'req-1',
      eventKey: 'health:SG1-000001:e-1',
      body: {
        serialNumber: 'SG1-000001',
        status: 'warning',
        errors: [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
        occurredAt: '2026-09-21T14:13:20.000Z',
        note: 'é “x” \n',
      },
      headers: { 'content-type': 'application/json', 'user-agent': 'SmartgridOne/2.4' },
      seq: 1,
      prevHash: GENESIS_HASH,
    } as unknown as UnhashedEntry;
    expect(encodeEntry(golden).entry.hash).toBe(
      '60b010e6a728832d9acc2d011ca709f1b424501562463d7017d0d2c289ab3e26',
    );
  });

  it('sorts keys by UTF-16 code units, integer-like keys and non-ASCII included', () => {
    const value = { b: 1, a: 2, '10': 3, '9': 4, é: 5, Z: 6, '\ud83d\ude00': 7, '': 8 };
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(value)).toBe('{"":8,"10":3,"9":4,"Z":6,"a":2,"b":1,"é":5,"😀":7}');
  });

  it('escapes as JSON.stringify does, lone surrogates included, and drops undefined as it does', () => {
    const value = {
      text: 'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f lone \ud800 pair \ud83d\ude00',
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), -0, 1e21, 5e-7, 0.1 + 0.2],
      nested: { deeper: { deepest: [true, false, null] } },
    };
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('refuses non-finite numbers and values with no JSON form, as before', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Infinity])).toThrow(/non-finite/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });

  it('matches the reference on generated JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  const key = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.nat(1000).map(String),
    fc.constantFrom('__proto__', 'toJSON', '01', '4294967295', 'constructor'),
  );
  const leaf = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 5 }),
    object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
  }));

  it('matches the reference on generated objects with arbitrary (unicode, lone-surrogate) keys and strings', () => {
    fc.assert(
      fc.property(tree.object, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes long arrays natively, byte for byte as the reference, whatever they hold', () => {
    // 64 items and more take the native writer (or, for what it would write otherwise, the hand-built one).
    const long = fc.array(tree.node, { minLength: 64, maxLength: 90 });
    fc.assert(
      fc.property(
        fc.record({ items: long, nested: fc.array(fc.record({ inner: long }), { maxLength: 2 }) }),
        (value) => {
          expect(canonicalJson(value)).toBe(reference(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to the hand-built writer where JSON.stringify would differ, inside long arrays', () => {
    const filler = Array.from({ length: 70 }, (_, i) => ({ b: i, a: `x${i}` }));
    const awkward: unknown[] = [
      JSON.parse('{"z": 1, "__proto__": {"polluted": true}}'),
      { '10': 'ten', '9': 'nine', b: 1 },
      new Date(0),
      Object.assign(Object.create(null) as object, { b: 2, a: 1 }),
      new Number(5),
      10n,
      { toJSON: () => 'replaced', kept: true },
    ];
    for (const odd of awkward) {
      const value = { list: [...filler, odd, ...filler] };
      expect(canonicalJson(value)).toBe(reference(value));
    }
    expect(canonicalJson({ list: [...filler, { '9': 0, '10': 1 }] })).toContain('{"10":1,"9":0}');
  });

  it('writes a 100,000-contract import entry as the reference does', () => {
    const entry = stamped(contractsDraft(100_000, 9), 1);
    expect(canonicalJson(entry)).toBe(reference(entry));
  });
});
