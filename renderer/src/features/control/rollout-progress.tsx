import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { RolloutGridRow, RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { formatCount } from '../../lib/format';
import { countByState, targetColour } from './rollout-words';

/** The progress bar (confirmed, failed, in flight) and a count per state. */
export function RolloutProgress({
  rollout,
  rows,
}: {
  rollout: RolloutSummary;
  rows: readonly RolloutGridRow[];
}) {
  const { tally } = rollout;
  const share = (n: number) => (rollout.size === 0 ? 0 : (n / rollout.size) * 100);
  return (
    <Stack gap={6}>
      <Progress.Root size="lg" aria-label="Rollout progress">
        <Tooltip label={`${tally.confirmed} confirmed`}>
          <Progress.Section value={share(tally.confirmed)} color="teal" />
        </Tooltip>
        <Tooltip label={`${tally.failed} failed`}>
          <Progress.Section value={share(tally.failed)} color="red" />
        </Tooltip>
        <Tooltip label={`${tally.pending} in flight`}>
          <Progress.Section value={share(tally.pending)} color="blue" />
        </Tooltip>
      </Progress.Root>
      <Group gap="xs" data-testid="rollout-counts">
        {countByState(rows).map(([state, n]) => (
          <Badge key={state} color={targetColour(state)} variant="outline" data-testid={`count-${state}`}>
            {state}: {formatCount(n)}
          </Badge>
        ))}
        <Text size="sm" c="dimmed">
          batch {rollout.batchesStarted} of {rollout.batches}
        </Text>
      </Group>
    </Stack>
  );
}
