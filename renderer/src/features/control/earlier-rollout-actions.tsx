import { Button, Group, Text } from '@mantine/core';
import type { RolloutDetail } from '../../../../shared/contract/rollout-methods';
import { isFailedTarget } from '../../../../shared/domain/control/rollout-view';
import { formatCount } from '../../lib/format';

/** Targets the rollout never reached: not started, refused, or its command did not take. */
export function notReached(rollout: RolloutDetail): string[] {
  return rollout.grid.filter((t) => t.state === 'pending' || isFailedTarget(t.state)).map((t) => t.serial);
}

/**
 * A rollout of an earlier run cannot be continued, retried or released (nothing of it runs any
 * more, and restart recovery ended its leases). What is left to do is a new send to the targets it
 * never reached, which goes through the dry-run and the confirmations again: time has passed.
 */
export function EarlierRolloutActions({
  rollout,
  onSendAgain,
}: {
  rollout: RolloutDetail;
  onSendAgain(serials: string[]): void;
}) {
  const left = notReached(rollout);
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed">
        From an earlier run of Fleetdesk: read only. Its installations are back in local control.
      </Text>
      <Button variant="light" disabled={left.length === 0} onClick={() => onSendAgain(left)}>
        Pick the {formatCount(left.length)} not reached as targets
      </Button>
    </Group>
  );
}
