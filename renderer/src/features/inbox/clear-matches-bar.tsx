import { useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { clearMatchContract, type InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import type { ResponseOf } from '../../../../shared/contract';
import { useApi } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';

type Outcome = ResponseOf<'inbox.linkClearMatches'>;

/** The links a clear-match card asks for: the contract of its first suggestion. */
export function clearMatchLinks(items: readonly InboxItem[]) {
  return items.flatMap((i) => {
    const contractNumber = clearMatchContract(i);
    return contractNumber === undefined ? [] : [{ serial: i.serial, contractNumber }];
  });
}

/**
 * "Link the clear matches": one decision for the cards whose match no operator would weigh (say,
 * every controller that called before the contracts were imported), so the inbox is left with
 * the ones that need a look. The core checks each again and says which it did not link, and why.
 */
export function ClearMatchesBar({
  items,
  onChanged,
}: {
  items: readonly InboxItem[];
  onChanged(items: InboxItem[]): void;
}) {
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const links = clearMatchLinks(items);
  const action = useAction(
    () => api.inbox.linkClearMatches({ links }),
    (value: Outcome) => {
      setAsking(false);
      setOutcome(value);
      onChanged(value.items);
    },
  );
  const count = formatCount(links.length);
  if (links.length === 0 && outcome === undefined) return null;
  return (
    <Stack gap="xs" mb="md">
      {links.length > 0 && (
        <Paper withBorder p="sm" radius="md" component="section" aria-label="Clear matches">
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              {links.length === 1 ? '1 controller names' : `${count} controllers name`} a contract exactly, at
              the same address, that no other controller has.
            </Text>
            <Button
              variant="light"
              onClick={() => {
                action.clear();
                setAsking(true);
              }}
            >
              Link {links.length === 1 ? 'it' : `these ${count}`}…
            </Button>
          </Group>
        </Paper>
      )}
      {outcome && <OutcomeNote outcome={outcome} />}
      <ConfirmDialog
        opened={asking}
        title={`Link ${links.length === 1 ? '1 controller' : `${count} controllers`} to the contracts they name?`}
        confirmLabel={`Link ${count}`}
        color="teal"
        pending={action.pending}
        onConfirm={() => void action.run()}
        onCancel={() => setAsking(false)}
      >
        Each typed the number of exactly one contract, its address agrees, and no other controller is linked
        to it or names it: the rule automatic linking follows (Settings → General). Each link goes on the
        controller’s history under your name. Any card that changed since you opened this page stays in the
        inbox, and you are told why.
        <ActionError message={action.error} />
      </ConfirmDialog>
    </Stack>
  );
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  return (
    <Stack gap={2} role="status" aria-label="Clear matches linked">
      <Text size="sm">
        Linked {formatCount(outcome.linked.length)}{' '}
        {outcome.linked.length === 1
          ? 'controller to the contract it named.'
          : 'controllers to the contracts they named.'}
        {outcome.skipped.length > 0 && ` ${formatCount(outcome.skipped.length)} not linked:`}
      </Text>
      {outcome.skipped.map((s) => (
        <Text key={s.serial} size="sm" c="orange.8">
          {s.serial}: {s.why}
        </Text>
      ))}
    </Stack>
  );
}
