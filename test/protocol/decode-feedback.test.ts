import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nodeIdIssue,
  DEFAULT_PROFILE as P,
  MAX_FEEDBACK_BYTES,
  decodeFeedback,
  responseMeaning,
} from '../../shared/protocol/profile';
import { SERIAL, customProfile, defaults, feedbackPayload } from './fixtures';

const TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const decode = (payload: unknown, topic = TOPIC) =>
  decodeFeedback(P, topic, typeof payload === 'string' ? payload : JSON.stringify(payload));

/** The decoded result, asserting it was accepted. */
function accepted(payload: unknown, topic = TOPIC) {
  const r = decode(payload, topic);
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r;
}

describe('decodeFeedback, §2 shape', () => {
  it('reads serial, time, response code and the five values', () => {
    const r = accepted(feedbackPayload());
    expect(r.serial).toBe(SERIAL);
    expect(r.time).toBe(1_764_151_210_000);
    expect(r.responseCode).toBe(0);
    expect(r.values).toEqual({ storageW: -2500, socPct: 54.5, storedWh: 5450, solarW: 3000, gridW: 1200 });
    expect(r.issues).toEqual([]);
  });

  it('keeps unknown fields in raw', () => {
    const payload = feedbackPayload({ vendor_extra: { a: [1, 2] } });
    const r = accepted(payload);
    expect(r.raw).toEqual(payload);
    expect((r.raw['fields'] as { state: { heat_pump: unknown } }).state.heat_pump).toEqual({
      operation_modes: ['heating'],
      active_power_W: 800,
    });
  });

  it('gives null, without an issue, for groups the site does not report', () => {
    const payload = feedbackPayload();
    delete (payload['fields'] as { state: Record<string, unknown> }).state['storage'];
    delete (payload['fields'] as Record<string, unknown>)['response_code'];
    const r = accepted(payload);
    expect(r.values).toMatchObject({ storageW: null, socPct: null, storedWh: null, solarW: 3000 });
    expect(r.responseCode).toBeNull();
    expect(r.issues).toEqual([]);
  });

  it('turns a wrong-typed or impossible value into null and lists it, keeping the rest', () => {
    const payload = feedbackPayload();
    const state = (payload['fields'] as { state: Record<string, Record<string, unknown>> }).state;
    state['storage'] = { active_power_W: '-2500', mean_soc_perc: 140, energy_stored_Wh: -1 };
    state['grid'] = { active_power_W: [1] } as unknown as Record<string, unknown>;
    (payload['fields'] as Record<string, unknown>)['response_code'] = 0.5;
    const r = accepted(payload);
    expect(r.values).toEqual({ storageW: null, socPct: null, storedWh: null, solarW: 3000, gridW: null });
    expect(r.responseCode).toBeNull();
    expect(r.issues).toEqual([
      'fields.response_code: 0.5 must be an integer',
      'fields.state.storage.active_power_W: expected a finite number, got "-2500"',
      'fields.state.storage.mean_soc_perc: 140 must be 0…100 %',
      'fields.state.storage.energy_stored_Wh: -1 must be ≥ 0 Wh',
      'fields.state.grid.active_power_W: expected a finite number, got an array',
    ]);
  });

  it('treats a number too large for a double (1e999 → Infinity) as unusable', () => {
    const text = JSON.stringify(feedbackPayload()).replace('"active_power_W":3000', '"active_power_W":1e999');
    const r = accepted(text);
    expect(r.values.solarW).toBeNull();
    expect(r.issues[0]).toMatch(/solar\.active_power_W: expected a finite number, got Infinity/);
  });

  it('lists a state that is not an object', () => {
    const r = accepted({ time: 1_764_151_210, fields: { state: 'offline', response_code: 0 } });
    expect(r.values.storageW).toBeNull();
    expect(r.issues).toContain('fields.state.storage.active_power_W: fields.state is not an object');
  });

  it('names a node id that belongs to another site, without rejecting the message', () => {
    const r = accepted(feedbackPayload({ extraTags: { nodeId: 'OTHER_site_0' } }));
    expect(nodeIdIssue('SG1-000123_site_0', r.raw)).toBe(
      'extraTags.nodeId is "OTHER_site_0", expected "SG1-000123_site_0"',
    );
    expect(nodeIdIssue('OTHER_site_0', r.raw)).toBeNull();
  });

  it.each<[string, unknown, RegExp, string]>([
    ['not JSON', '{"time": 1', /not valid JSON/, 'not-json'],
    ['a JSON array', '[1,2]', /not a JSON object/, 'schema'],
    ['JSON null', 'null', /not a JSON object/, 'schema'],
    ['no time', { fields: {} }, /time is missing/, 'schema'],
    ['a string time', { time: '1764151210' }, /not a finite number of Unix seconds/, 'schema'],
    ['time in milliseconds', { time: 1_764_151_210_000 }, /milliseconds by mistake/, 'schema'],
    ['a negative time', { time: -5 }, /positive/, 'schema'],
    ['an infinite time', '{"time":1e999}', /not a finite number/, 'schema'],
    // QA: these were counted as applied feedback.
    ['a time and nothing else', { time: 1 }, /no fields/, 'empty'],
    [
      'empty fields',
      { time: 1, fields: { state: {} }, extraTags: { nodeId: 'SG1-000123_site_0' } },
      /no fields/,
      'empty',
    ],
  ])('rejects %s', (_name, payload, reason, kind) => {
    const r = decode(payload);
    expect(r).toMatchObject({ ok: false, kind, serial: SERIAL });
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('keeps the serial when the decoder itself fails, so the fault is still attributed', () => {
    const p = defaults();
    Object.defineProperty(p, 'feedbackPaths', {
      get() {
        throw new Error('profile fault');
      },
    });
    expect(decodeFeedback(p, TOPIC, JSON.stringify(feedbackPayload()))).toEqual({
      ok: false,
      kind: 'internal',
      reason: 'could not decode: profile fault',
      serial: SERIAL,
    });
  });

  it('rejects a topic that is not the feedback topic', () => {
    const r = decode(feedbackPayload(), `standard1/rp_one_s/remoteControlMetrics/${SERIAL}`);
    expect(r).toEqual({
      ok: false,
      kind: 'not-feedback',
      reason: expect.stringMatching(/not a feedback topic/),
      serial: null,
    });
  });

  it(`rejects a payload over ${MAX_FEEDBACK_BYTES} bytes without parsing it`, () => {
    const padded = JSON.stringify(feedbackPayload({ pad: 'x'.repeat(MAX_FEEDBACK_BYTES) }));
    // The serial comes with the rejection, so the garbage can still be attributed to a controller.
    expect(decode(padded)).toEqual({
      ok: false,
      kind: 'too-large',
      reason: `payload is over ${MAX_FEEDBACK_BYTES} bytes`,
      serial: SERIAL,
    });
    // Counted in UTF-8 bytes, not characters: 30,000 × '€' is 90,000 bytes.
    expect(decode(JSON.stringify(feedbackPayload({ pad: '€'.repeat(30_000) }))).ok).toBe(false);
    expect(decode(JSON.stringify(feedbackPayload({ pad: 'x'.repeat(60_000) }))).ok).toBe(true);
  });

  it('keeps a message whose only data is in fields the profile does not read (unknown fields are kept)', () => {
    const r = accepted({ time: 1, fields: { state: { heat_pump: { operation_modes: ['heating'] } } } });
    expect(r.values.storageW).toBeNull();
    expect(r.raw).toEqual({ time: 1, fields: { state: { heat_pump: { operation_modes: ['heating'] } } } });
  });

  it('does not follow inherited properties such as __proto__', () => {
    const p = defaults();
    p.feedbackPaths.storageW = '__proto__.toString';
    const r = decodeFeedback(p, TOPIC, JSON.stringify(feedbackPayload()));
    expect(r.ok && r.values.storageW).toBeNull();
  });
});

describe('decodeFeedback, custom profile', () => {
  it('uses the custom topic, paths and flips both signs to Fleetdesk’s convention', () => {
    const payload = {
      ts: 1_764_151_210,
      ack: { code: 416 },
      m: { bat: { p: 2500, soc: 80, e: 8000 }, pv: { p: 100 }, grid: { p: -700 } },
    };
    const r = decodeFeedback(customProfile(), 'acme/v2/X-1/control/state', JSON.stringify(payload));
    expect(r).toMatchObject({
      ok: true,
      serial: 'X-1',
      time: 1_764_151_210_000,
      responseCode: 416,
      values: { storageW: -2500, socPct: 80, storedWh: 8000, solarW: 100, gridW: 700 },
      issues: [],
    });
    expect(responseMeaning(customProfile(), 416)).toEqual({
      meaning: 'setpointOutOfRange',
      label: 'rejected: setpoint out of range',
    });
  });
});

describe('responseMeaning', () => {
  it('maps the default codes and calls any other code a rejection', () => {
    expect([0, 1, 2, 3, 4].map((c) => responseMeaning(P, c).meaning)).toEqual([
      'accepted',
      'malformed',
      'unknownPolicy',
      'setpointOutOfRange',
      'groupNotPresent',
    ]);
    expect(responseMeaning(P, 99)).toEqual({
      meaning: 'unknown',
      label: 'rejected: unknown response code 99',
    });
  });
});

describe('decodeFeedback never throws (fuzz)', () => {
  const check = (topic: string, payload: string) => {
    const r = decodeFeedback(P, topic, payload);
    expect(typeof r.ok).toBe('boolean');
    if (r.ok) {
      for (const v of Object.values(r.values)) expect(v === null || Number.isFinite(v)).toBe(true);
      expect(Number.isFinite(r.time)).toBe(true);
    } else expect(r.reason.length).toBeGreaterThan(0);
  };

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 2000 }), check), {
      numRuns: 2000,
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => check(TOPIC, s)),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => check(TOPIC, JSON.stringify(v) ?? '')),
      { numRuns: 2000 },
    );
  });

  it('on the §2 shape with any JSON text swapped in at any place', () => {
    const text = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constantFrom('1e999', '-1e999', '-0', '1e-400', '9007199254740993', '"NaN"'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...leafPaths(feedbackPayload())), text, (path, raw) => {
        const payload = structuredClone(feedbackPayload());
        setPath(payload, path, '@@swap@@');
        check(TOPIC, JSON.stringify(payload).replace('"@@swap@@"', raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('on deeply nested and huge inputs', () => {
    check(TOPIC, '['.repeat(30_000) + ']'.repeat(30_000));
    check(TOPIC, `{"time":1764151210,"fields":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
    check(TOPIC, 'x'.repeat(10_000_000));
    check(TOPIC, '\ud800'.repeat(40_000));
    check(TOPIC, null as unknown as string);
    check(undefined as unknown as string, '{}');
  });
});

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [prefix];
  return [prefix, ...Object.entries(v).flatMap(([k, c]) => leafPaths(c, [...prefix, k]))];
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown): void {
  if (path.length === 0) return;
  let node = root;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
}
