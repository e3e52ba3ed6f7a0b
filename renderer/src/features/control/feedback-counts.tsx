import { Group, Text } from '@mantine/core';
import { refusedCount, type FeedbackCounts as Counts } from '../../../../shared/domain/live/feedback-counts';
import { RelativeTime } from '../../components/relative-time';

const REFUSALS = [
  ['badJson', 'not JSON'],
  ['schema', 'not feedback-shaped'],
  ['tooLarge', 'too large'],
  ['unknownSerial', 'unknown serial'],
] as const;

const KIND_WORDS: Record<string, string> = {
  badJson: 'not JSON',
  schema: 'not feedback-shaped',
  tooLarge: 'too large',
  unknownSerial: 'unknown serial',
  fieldIssues: 'unusable values',
};

const n = (v: number) => v.toLocaleString('en');

/**
 * What the controllers' feedback was worth since the core started: how much was applied and what
 * was refused, per kind, with the latest problem. Refused messages never reach the live values.
 */
export function FeedbackCounts({ counts }: { counts: Counts }) {
  const refused = refusedCount(counts);
  return (
    <div aria-label="Feedback received" data-testid="feedback-counts">
      <Group gap="xs">
        <Text size="sm">
          Feedback: {n(counts.total)} messages · {n(counts.accepted)} applied
          {counts.fieldIssues > 0 && ` (${n(counts.fieldIssues)} with unusable values)`}
        </Text>
        <Text size="sm" c={refused > 0 ? 'orange' : 'dimmed'}>
          {refused === 0
            ? '· none refused'
            : `· ${n(refused)} refused: ${REFUSALS.filter(([k]) => counts[k] > 0)
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
