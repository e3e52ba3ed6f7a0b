import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandTopic,
  feedbackSubscriptions,
  feedbackTopic,
  nodeIdFor,
  scheduleCommandTopic,
  scheduleFeedbackTopic,
  serialFromFeedbackTopic,
} from '../../shared/protocol/profile';
import { DEFAULT_PROFILE as P } from '../../shared/protocol/profile';
import { SERIAL, customProfile, defaults } from './fixtures';

const serialArb = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);

describe('topics of the default profile', () => {
  it('fills the literal topics of protocol.md', () => {
    expect(commandTopic(P, SERIAL)).toBe('standard1/rp_one_s/remoteControlMetrics/SG1-000123');
    expect(feedbackTopic(P, SERIAL)).toBe('standard1/outbound/remoteControlMetrics/feedback/SG1-000123');
    expect(scheduleCommandTopic(P, SERIAL)).toBe('standard1/rp_one_s/remoteScheduleMetrics/SG1-000123');
    expect(scheduleFeedbackTopic(P, SERIAL)).toBe(
      'standard1/outbound/remoteScheduleMetrics/feedback/SG1-000123',
    );
    expect(nodeIdFor(P, SERIAL)).toBe('SG1-000123_site_0');
  });

  it.each(['', 'a/b', 'SG1+', 'SG1#', 'SG 1', 'x'.repeat(65), '$x', 'é'])(
    'refuses to build a topic for the serial %j (it could inject a level or a wildcard)',
    (serial) => {
      expect(() => commandTopic(P, serial)).toThrow(/invalid serial/);
      expect(() => feedbackTopic(P, serial)).toThrow(/invalid serial/);
    },
  );

  it('takes the serial back out of a feedback topic', () => {
    expect(serialFromFeedbackTopic(P, 'standard1/outbound/remoteControlMetrics/feedback/SG1-000123')).toBe(
      SERIAL,
    );
  });

  it.each([
    'standard1/rp_one_s/remoteControlMetrics/SG1-000123',
    'standard1/outbound/remoteScheduleMetrics/feedback/SG1-000123',
    'standard1/outbound/remoteControlMetrics/feedback/',
    'standard1/outbound/remoteControlMetrics/feedback/SG1/extra',
    'standard1/outbound/remoteControlMetrics/feedback/+',
    'xstandard1/outbound/remoteControlMetrics/feedback/SG1',
    'standard1/outbound/remoteControlMetrics/feedbac',
    '',
  ])('rejects the topic %j', (topic) => {
    expect(serialFromFeedbackTopic(P, topic)).toBeNull();
  });

  it('never throws on a non-string topic', () => {
    expect(serialFromFeedbackTopic(P, 42 as unknown as string)).toBeNull();
  });

  it('round-trips every valid serial (property)', () => {
    fc.assert(
      fc.property(serialArb, (serial) => {
        expect(serialFromFeedbackTopic(P, feedbackTopic(P, serial))).toBe(serial);
      }),
    );
  });

  it('subscribes per serial by default, without duplicates', () => {
    expect(feedbackSubscriptions(P, ['A1', 'B2', 'A1'])).toEqual([
      'standard1/outbound/remoteControlMetrics/feedback/A1',
      'standard1/outbound/remoteControlMetrics/feedback/B2',
    ]);
    expect(() => feedbackSubscriptions(P, ['ok', 'a/b'])).toThrow(/invalid serial/);
  });

  it('subscribes with one + filter when the profile allows it', () => {
    const p = defaults();
    p.wildcardFeedback = true;
    expect(feedbackSubscriptions(p, ['A1', 'B2'])).toEqual([
      'standard1/outbound/remoteControlMetrics/feedback/+',
    ]);
  });
});

describe('topics of a custom profile', () => {
  const c = customProfile();

  it('fills a template whose serial sits mid-topic', () => {
    expect(commandTopic(c, 'X-1')).toBe('acme/v2/X-1/control/set');
    expect(feedbackTopic(c, 'X-1')).toBe('acme/v2/X-1/control/state');
    expect(nodeIdFor(c, 'X-1')).toBe('site-X-1');
    expect(feedbackSubscriptions(c, [])).toEqual(['acme/v2/+/control/state']);
  });

  it('parses the serial from the middle and rejects near misses', () => {
    expect(serialFromFeedbackTopic(c, 'acme/v2/X-1/control/state')).toBe('X-1');
    expect(serialFromFeedbackTopic(c, 'acme/v2/X-1/control/set')).toBeNull();
    expect(serialFromFeedbackTopic(c, 'acme/v2/a/b/control/state')).toBeNull();
    expect(serialFromFeedbackTopic(c, 'acme/v2//control/state')).toBeNull();
  });

  it('round-trips every valid serial (property)', () => {
    fc.assert(
      fc.property(serialArb, (serial) => {
        expect(serialFromFeedbackTopic(c, feedbackTopic(c, serial))).toBe(serial);
      }),
    );
  });

  it('never mistakes an arbitrary string for a feedback topic unless it is one (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (topic) => {
        const serial = serialFromFeedbackTopic(c, topic);
        if (serial !== null) expect(feedbackTopic(c, serial)).toBe(topic);
      }),
    );
  });
});
