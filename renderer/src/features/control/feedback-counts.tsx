import { Group, Text } from '@mantine/core';
import {
  malformedCount,
  type FeedbackCounts as Counts,
} from '../../../../shared/domain/live/feedback-counts';
import { plural } from '../../../../shared/domain/plural';
import { RelativeTime } from '../../components/relative-time';

/** Every malformed kind; `implausible` was partly applied but believed for nothing (see the schema). */
const MALFORMED = [
  ['badJson', 'not JSON'],
  ['schema', 'not feedback-shaped'],
  ['tooLarge', 'too large'],
  ['unknownSerial', 'unknown serial'],
  ['empty', 'empty'],
  ['implausible', 'implausible value'],
] as const;

const KIND_WORDS: Record<string, string> = {
  badJson: 'not JSON',
  schema: 'not feedback-shaped',
  tooLarge: 'too large',
  unknownSerial: 'unknown serial',
  fieldIssues: 'unusable values',
  empty: 'empty',
  implausible: 'implausible value',
};

const n = (v: number) => v.toLocaleString('en');

/**
 * What the controllers' feedback was worth since the core started: how much was applied and what
 * was malformed, per kind, with the latest problem. Malformed messages never reach the live values,
 * except the plausible values of one with an implausible value, and none confirms a command.
 */
export function FeedbackCounts({ counts }: { counts: Counts }) {
  const malformed = malformedCount(counts);
  return (
    <div aria-label="Feedback received" data-testid="feedback-counts">
      <Group gap="xs">
        <Text size="sm">
          Feedback: {n(counts.total)} messages · {n(counts.accepted)} applied
          {counts.fieldIssues > 0 && ` (${n(counts.fieldIssues)} with unusable values)`}
          {counts.retained > 0 &&
            ` · ${plural(counts.retained, 'old retained message')} replayed by the broker, not applied`}
        </Text>
        <Text size="sm" c={malformed > 0 ? 'orange' : 'dimmed'}>
          {malformed === 0
            ? '· none malformed'
            : `· ${n(malformed)} malformed: ${MALFORMED.filter(([k]) => counts[k] > 0)
                .map(([k, words]) => `${n(counts[k])} ${words}`)
                .join(', ')}`}
        </Text>
      </Group>
      {counts.last !== null && (
        <Text size="xs" c="dimmed">
          Last problem <RelativeTime at={counts.last.at} /> from {counts.last.serial} (
          {KIND_WORDS[counts.last.kind] ?? counts.last.kind}): {counts.last.reason}
        </Text>
      )}
    </div>
  );
}
