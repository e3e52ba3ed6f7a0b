/**
 * fast-check generators of live feedback as a controller (or a broken one) would publish it, each
 * with what Fleetdesk must make of it. Written from protocol.md §2, not from the app's decoder, so
 * a decoder bug shows up as a mismatch instead of agreeing with itself.
 */
import fc from 'fast-check';

export const MAX_BYTES = 64 * 1024;

export type Values = {
  storageW: number | null;
  socPct: number | null;
  storedWh: number | null;
  solarW: number | null;
  gridW: number | null;
};
export type Reading = { values: Values; responseCode: number | null };

export type Expectation =
  | { kind: 'accepted'; reading: Reading; fieldIssue: boolean }
  /** Its impossible power dropped, the rest applied, counted as malformed. */
  | { kind: 'implausible'; reading: Reading }
  | { kind: 'badJson' | 'schema' | 'tooLarge' | 'unknownSerial' | 'empty' };

/** One message to publish: to a known serial (by index) or to the unknown one. */
export type Message = { target: number | 'unknown'; payload: string | Uint8Array; expect: Expectation };

/**
 * Believable powers (shared/domain/live/plausibility.ts): the fuzz installations have a 5 kW battery
 * (bound 2 × 5 kW + 5 kW) and no rated solar (the absolute 1 MW bound, as for the grid).
 */
const storagePower = fc.double({ min: -15_000, max: 15_000, noNaN: true });
const power = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const soc = fc.double({ min: 0, max: 100, noNaN: true });
const energy = fc.double({ min: 0, max: 1e6, noNaN: true });
const seconds = fc.integer({ min: 1_000_000_000, max: 2_000_000_000 });
const code = fc.integer({ min: 0, max: 4 });

/** What the controller means after JSON's round trip (-0 arrives as 0). */
const sent = (v: number) => JSON.parse(JSON.stringify(v)) as number;

function feedbackObject(time: number, r: { values: Values; responseCode: number }) {
  const v = r.values;
  return {
    time,
    fields: {
      response_code: r.responseCode,
      state: {
        storage: { active_power_W: v.storageW, mean_soc_perc: v.socPct, energy_stored_Wh: v.storedWh },
        solar: { active_power_W: v.solarW },
        grid: { active_power_W: v.gridW, today_imported_energy_Wh: 12 },
      },
    },
  };
}

const reading = fc.record({
  values: fc.record({ storageW: storagePower, socPct: soc, storedWh: energy, solarW: power, gridW: power }),
  responseCode: code,
});

/** Harmless oddities a valid message may carry: a `__proto__` key, odd unicode, NaN-looking text. */
const decoration = fc.oneof(
  fc.constant('"__proto__":{"time":1,"fields":{"response_code":9},"polluted":true},'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `"note":${JSON.stringify(s)},`),
  fc.constant('"lone":"\\ud800\\udfff\\udc00","rtl":"\u202eabc","zw":"a\u200db","emoji":"🔋⚡",'),
  fc.constant('"nanish":"NaN","inf":"Infinity","big":1e308,"neg":-1e-320,'),
  fc.constant(''),
);

const withDecoration = (text: string, extra: string) => `{${extra}${text.slice(1)}`;

function expected(r: { values: Values; responseCode: number }): Reading {
  const v = r.values;
  return {
    values: {
      storageW: sent(v.storageW!),
      socPct: sent(v.socPct!),
      storedWh: sent(v.storedWh!),
      solarW: sent(v.solarW!),
      gridW: sent(v.gridW!),
    },
    responseCode: r.responseCode,
  };
}

/** A good message, maybe decorated, to one of `known` installations. */
export const validMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({ target: fc.nat(known - 1), time: seconds, r: reading, extra: decoration }).map((m) => ({
    target: m.target,
    payload: withDecoration(JSON.stringify(feedbackObject(m.time, m.r)), m.extra),
    expect: { kind: 'accepted', reading: expected(m.r), fieldIssue: false },
  }));

/** A good message but for one power no installation of the fleet can reach: that value is dropped. */
export const implausibleMessage = (known: number): fc.Arbitrary<Message> =>
  fc
    .record({
      target: fc.nat(known - 1),
      time: seconds,
      r: reading,
      field: fc.constantFrom('storageW' as const, 'solarW' as const, 'gridW' as const),
      // Over the bound by a factor of 1 to 1e6: just over the 5 kW battery's 15 kW, or the 1 MW.
      factor: fc.double({ min: 1.0001, max: 1e6, noNaN: true }),
      negative: fc.boolean(),
    })
    .map(({ target, time, r, field, factor, negative }) => {
      const magnitude = (field === 'storageW' ? 15_000 : 1_000_000) * factor;
      const values = { ...r.values, [field]: negative ? -magnitude : magnitude };
      const out = expected(r);
      out.values[field] = null;
      return {
        target,
        payload: JSON.stringify(feedbackObject(time, { ...r, values })),
        expect: { kind: 'implausible', reading: out },
      };
    });

/** Feedback that says nothing: a time, no value, no response code. */
export const emptyMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({
    target: fc.nat(known - 1),
    payload: fc.constantFrom(
      '{"time":1764151210}',
      '{"time":1764151210,"fields":{}}',
      '{"time":1764151210,"fields":{"state":{"storage":{}}}}',
    ),
    expect: fc.constant({ kind: 'empty' as const }),
  });

/** Values the decoder must refuse one by one (the rest of the message still counts). */
const BAD_VALUES = ['"12"', '"NaN"', '"Infinity"', '[1]', '{}', 'true', '1e999', '-1e999'];
const FIELDS = ['storageW', 'socPct', 'storedWh', 'solarW', 'gridW'] as const;

/** A good message with one value of the wrong type or impossible: applied, that value as null. */
export const fieldIssueMessage = (known: number): fc.Arbitrary<Message> =>
  fc
    .record({
      target: fc.nat(known - 1),
      time: seconds,
      r: reading,
      field: fc.constantFrom(...FIELDS, 'responseCode' as const, 'socRange' as const),
      bad: fc.constantFrom(...BAD_VALUES),
    })
    .map(({ target, time, r, field, bad }) => {
      const marker = 987_654_321.5;
      const out = expected(r);
      let text: string;
      if (field === 'responseCode') {
        text = JSON.stringify(feedbackObject(time, { ...r, responseCode: marker })).replace(
          String(marker),
          '0.5',
        );
        out.responseCode = null;
      } else if (field === 'socRange') {
        text = JSON.stringify(feedbackObject(time, { ...r, values: { ...r.values, socPct: 140 } }));
        out.values.socPct = null;
      } else {
        const values = { ...r.values, [field]: marker };
        text = JSON.stringify(feedbackObject(time, { ...r, values })).replace(String(marker), bad);
        out.values[field] = null;
      }
      return { target, payload: text, expect: { kind: 'accepted', reading: out, fieldIssue: true } };
    });

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** Text that is not JSON at all, or bytes that are not even UTF-8. */
export const badJsonMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({
    target: fc.nat(known - 1),
    payload: fc.oneof(
      fc.constantFrom(
        '',
        '{',
        'NaN',
        'Infinity',
        '-Infinity',
        'undefined',
        '{"time": NaN}',
        '{"time": Infinity}',
        '{"time":1764151210,}',
        "{'time':1764151210}",
        '{"time":1764151210',
        '\u0000',
        '{"__proto__":',
      ),
      fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !parses(s)),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Uint8Array.from([0xff, ...b])),
    ),
    expect: fc.constant({ kind: 'badJson' as const }),
  });

const MAX_TIME_S = 253_402_300_799;
const usableTime = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.hasOwn(v, 'time') &&
  typeof (v as { time: unknown }).time === 'number' &&
  (v as { time: number }).time > 0 &&
  (v as { time: number }).time <= MAX_TIME_S;

/** JSON that is not a feedback object: not an object, or no usable `time`. */
export const schemaMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({
    target: fc.nat(known - 1),
    payload: fc.oneof(
      fc.constantFrom(
        '{"__proto__":{"time":1764151210}}',
        '{"time":"1764151210"}',
        '{"time":1764151210000}',
        '{"time":-1}',
        '{"time":0}',
        '{"time":1e999}',
        '{"time":null}',
        '{"fields":{"response_code":0}}',
        '[]',
        'null',
        '"time"',
        '42',
      ),
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => !usableTime(v))
        .map((v) => JSON.stringify(v)),
    ),
    expect: fc.constant({ kind: 'schema' as const }),
  });

/** A valid message padded to exactly `bytes` UTF-8 bytes (multi-byte padding counts as bytes). */
export function padded(bytes: number, char: 'x' | '€'): string {
  const base = JSON.stringify({
    ...feedbackObject(1_764_151_210, {
      values: { storageW: 1, socPct: 2, storedWh: 3, solarW: 4, gridW: 5 },
      responseCode: 0,
    }),
    pad: '',
  });
  const room = bytes - Buffer.byteLength(base);
  const unit = Buffer.byteLength(char);
  const text = char.repeat(Math.floor(room / unit)) + 'x'.repeat(room % unit);
  return base.replace('"pad":""', `"pad":"${text}"`);
}

/** Over the cap, from one byte over to megabytes. */
export const tooLargeMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({
    target: fc.nat(known - 1),
    payload: fc
      .record({
        bytes: fc.constantFrom(MAX_BYTES + 1, MAX_BYTES + 3, 200_000, 1_048_576, 3_000_000),
        char: fc.constantFrom('x' as const, '€' as const),
      })
      .map(({ bytes, char }) => padded(bytes, char)),
    expect: fc.constant({ kind: 'tooLarge' as const }),
  });

/** Exactly at the cap: still accepted. */
export const atCapMessage = (known: number): fc.Arbitrary<Message> =>
  fc.record({ target: fc.nat(known - 1), char: fc.constantFrom('x' as const, '€' as const) }).map((m) => ({
    target: m.target,
    payload: padded(MAX_BYTES, m.char),
    expect: {
      kind: 'accepted',
      reading: { values: { storageW: 1, socPct: 2, storedWh: 3, solarW: 4, gridW: 5 }, responseCode: 0 },
      fieldIssue: false,
    },
  }));

/** Good feedback for a serial that is no installation. */
export const unknownSerialMessage = (known: number): fc.Arbitrary<Message> =>
  validMessage(known).map((m) => ({ ...m, target: 'unknown', expect: { kind: 'unknownSerial' } }));

/** A mixed stream, mostly valid, every kind of garbage in it. */
export const messages = (known: number) =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: validMessage(known) },
      { weight: 2, arbitrary: fieldIssueMessage(known) },
      { weight: 1, arbitrary: implausibleMessage(known) },
      { weight: 1, arbitrary: emptyMessage(known) },
      { weight: 2, arbitrary: badJsonMessage(known) },
      { weight: 2, arbitrary: schemaMessage(known) },
      { weight: 1, arbitrary: tooLargeMessage(known) },
      { weight: 1, arbitrary: atCapMessage(known) },
      { weight: 1, arbitrary: unknownSerialMessage(known) },
    ),
    { minLength: 1, maxLength: 30 },
  );

/** Small messages of every kind for a burst (the megabyte payloads are the property test's job). */
export const burstMessages = (known: number) =>
  fc.oneof(
    { weight: 4, arbitrary: validMessage(known) },
    { weight: 1, arbitrary: fieldIssueMessage(known) },
    { weight: 2, arbitrary: badJsonMessage(known) },
    { weight: 2, arbitrary: schemaMessage(known) },
    {
      weight: 1,
      arbitrary: tooLargeMessage(known).map((m) => ({ ...m, payload: padded(MAX_BYTES + 1, 'x') })),
    },
    { weight: 1, arbitrary: unknownSerialMessage(known) },
  );
