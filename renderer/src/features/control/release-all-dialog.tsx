import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { plural } from '../../../../shared/domain/plural';
import { Dialog } from '../../components/dialog';
import { dismissUnlessPending } from '../../components/dismiss-unless-pending';
import { ActionError } from '../../components/load-states';
import { formatClock } from './control-words';

/**
 * Asks before a Release all. Says what really happens: there is no release message, so Fleetdesk
 * only stops refreshing, and each controller returns to local control at its fallback timeout.
 * More than one installation needs a reason (the core refuses without one; it is journaled with
 * each release), asked afresh at every opening. While the release is on its way the dialog cannot
 * be dismissed: a refusal is shown in it, and the operator must see it.
 */
export function ReleaseAllDialog({
  opened,
  count,
  lastLocalAt,
  before,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  /** Installations that will stop being refreshed. */
  count: number;
  /** When the last of them returns to local control, where the view knows it. */
  lastLocalAt: number | null;
  /** What happens first, in words (a rollout is aborted first). */
  before?: string;
  pending: boolean;
  /** Why the last try failed: shown here, since the dialog stays open over the page. */
  error?: string | undefined;
  onCancel(): void;
  onConfirm(reason: string | undefined): void;
}) {
  const [reason, setReason] = useState('');
  // Each opening is a new kill switch, journaled with its own reason: the last one's must not be
  // sent again by a press on an enabled button. Reset while rendering (React's pattern for state
  // that follows a prop), so the old reason is never shown, not even for one frame.
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setReason('');
  }
  const needsReason = count > 1;
  const given = reason.trim();
  return (
    <Dialog
      opened={opened}
      {...dismissUnlessPending(pending, onCancel)}
      title="Release all installations?"
      centered
    >
      <Stack gap="md">
        <Text size="sm">
          {before}Fleetdesk stops refreshing the {plural(count, 'held installation')} now;{' '}
          {count === 1 ? 'it returns' : 'each returns'} to local control when its fallback timeout runs out
          {lastLocalAt !== null ? ` (${count === 1 ? 'by' : 'the last by'} ${formatClock(lastLocalAt)})` : ''}
          .
        </Text>
        {needsReason && (
          <TextInput
            label="Reason (journaled with each release)"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <ActionError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={needsReason && given === ''}
            loading={pending}
            onClick={() => onConfirm(given === '' ? undefined : given)}
          >
            Release all
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
