import { useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { clearMatchContract, type InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import type { ResponseOf } from '../../../../shared/contract';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';
import { ClearMatchesDialog, type ClearLink } from './clear-matches-dialog';

type Outcome = ResponseOf<'inbox.linkClearMatches'>;

/** The links a clear-match card asks for: the contract of its first suggestion. */
export function clearMatchLinks(items: readonly InboxItem[]): ClearLink[] {
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
  // The links as they were when the operator asked: what the dialog lists and confirm sends, so a
  // live inbox update while it is open cannot change what they agreed to.
  const [asked, setAsked] = useState<ClearLink[]>();
  const [outcome, setOutcome] = useState<Outcome>();
  const links = clearMatchLinks(items);
  const action = useAction(
    (sent: ClearLink[]) => api.inbox.linkClearMatches({ links: sent }),
    (value: Outcome) => {
      setAsked(undefined);
      setOutcome(value);
      onChanged(value.items);
    },
  );
  const count = formatCount(links.length);
  if (links.length === 0 && outcome === undefined && asked === undefined) return null;
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
                setAsked(links);
              }}
            >
              Link {links.length === 1 ? 'it' : `these ${count}`}…
            </Button>
          </Group>
        </Paper>
      )}
      {outcome && <OutcomeNote outcome={outcome} />}
      {asked && (
        <ClearMatchesDialog
          asked={asked}
          current={links}
          pending={action.pending}
          error={action.error}
          onConfirm={() => void action.run(asked)}
          onCancel={() => setAsked(undefined)}
        />
      )}
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
