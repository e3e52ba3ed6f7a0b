import { describe, expect, it } from 'vitest';
import { decodedFeedback } from '../../electron/core/broker/decoded-feedback';
import type { InboundMessage } from '../../electron/core/broker/broker-port';
import { DEFAULT_PROFILE, feedbackTopic, MAX_FEEDBACK_BYTES } from '../../shared/protocol/profile';

const message = (payload: string | Buffer): InboundMessage => ({
  topic: feedbackTopic(DEFAULT_PROFILE, 'SG1-000001'),
  payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  receivedAt: 1_790_000_000_000,
});

describe('feedback decoded once per message', () => {
  it('gives every listener of one message the same decoding, and a new message its own', () => {
    const m = message(JSON.stringify({ time: 1_790_000_000, fields: { response_code: 0 } }));
    const first = decodedFeedback(DEFAULT_PROFILE, m);
    expect(first).toMatchObject({ ok: true, serial: 'SG1-000001', responseCode: 0 });
    expect(decodedFeedback(DEFAULT_PROFILE, m)).toBe(first);
    const again = message(m.payload);
    expect(decodedFeedback(DEFAULT_PROFILE, again)).not.toBe(first);
    expect(decodedFeedback(DEFAULT_PROFILE, again)).toEqual(first);
  });

  it('decodes afresh under another profile', () => {
    const m = message(JSON.stringify({ time: 1_790_000_000, fields: { response_code: 0 } }));
    const first = decodedFeedback(DEFAULT_PROFILE, m);
    const other = {
      ...DEFAULT_PROFILE,
      topics: { ...DEFAULT_PROFILE.topics, feedback: 'elsewhere/feedback/{serial}' },
    };
    const underOther = decodedFeedback(other, m);
    expect(underOther).not.toBe(first);
    expect(underOther).toMatchObject({ ok: false, kind: 'not-feedback' });
  });

  it('refuses an oversized payload without turning it into text', () => {
    const big = Buffer.alloc(MAX_FEEDBACK_BYTES + 1, 0x20);
    const m = message(big);
    const toString = big.toString.bind(big);
    let converted = false;
    big.toString = ((...args: Parameters<Buffer['toString']>) => {
      converted = true;
      return toString(...args);
    }) as Buffer['toString'];
    expect(decodedFeedback(DEFAULT_PROFILE, m)).toMatchObject({ ok: false, kind: 'too-large' });
    expect(converted).toBe(false);
  });
});
