import { useState } from 'react';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { TEXT_LIMITS } from '../../../../shared/contract/inventory-methods';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { Fact } from '../../components/fact';
import { JsonBlock } from '../../components/json-block';
import { ReasonForm } from '../../components/reason-form';
import { installationHref } from '../../app/use-hash-route';
import { formatAddress, formatCount, formatDateTime, formatDevice } from '../../lib/format';
import { InboxContext } from './inbox-context';
import { flagWords } from './inbox-words';
import { LinkOtherForm } from './link-other-form';
import { MoveDialog } from './move-dialog';
import { SuggestionList } from './suggestion-list';
import { useInboxActions } from './use-inbox-actions';

type Suggestion = InboxItem['suggestions'][number];

export interface InboxCardProps {
  item: InboxItem;
  /** Every decision answers with the whole new inbox. */
  onChanged(items: InboxItem[]): void;
}

/** One waiting controller: what it sent, how it matched, and the decisions the operator can take. */
export function InboxCard({ item, onChanged }: InboxCardProps) {
  const actions = useInboxActions(item, onChanged);
  const [moving, setMoving] = useState<Suggestion & { linkedTo: string }>();
  const onboarding = item.kind === 'onboarding';
  // One decision at a time: while one is on its way, none of the others can be sent (a second
  // click landing on another control would contradict it, or be refused once it lands).
  const busy =
    actions.linkSuggested.pending ||
    actions.linkOther.pending ||
    actions.move.pending ||
    actions.reject.pending;

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={`Controller ${item.serial}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} ff="monospace" size="h4">
              {onboarding ? <Anchor href={installationHref(item.serial)}>{item.serial}</Anchor> : item.serial}
            </Title>
            <Text size="xs" c="dimmed">
              {onboarding ? 'Onboarding call' : 'Callbacks from a controller that never onboarded'} ·{' '}
              {callCount(item)} · first {formatDateTime(item.firstAt)} · last {formatDateTime(item.lastAt)}
            </Text>
          </Stack>
          <Group gap={6} role="group" aria-label="Flags">
            {item.flags.map((flag) => {
              const words = flagWords(flag, item);
              return (
                <Badge key={flag} color={words.color} variant="light" style={{ textTransform: 'none' }}>
                  {words.text}
                </Badge>
              );
            })}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="dl" m={0}>
          <Fact label="Contract number typed">{item.requestedContractNumber ?? 'none'}</Fact>
          <Fact label="Address">{formatAddress(item.address) || 'none'}</Fact>
          <Fact label="Devices">
            {item.devices.length > 0 ? item.devices.map(formatDevice).join('; ') : 'none'}
          </Fact>
        </SimpleGrid>
        <InboxContext item={item} />
        {onboarding ? (
          <>
            <SuggestionList
              suggestions={item.suggestions}
              pending={busy}
              error={actions.linkSuggested.error}
              onLink={(s) => void actions.linkSuggested.run(s)}
              onMove={(s) => {
                actions.move.clear();
                setMoving(s);
              }}
            />
            <LinkOtherForm
              label={item.suggestions.length > 0 ? 'Link to another contract' : 'Link to a contract'}
              pending={actions.linkOther.pending}
              busy={busy}
              error={actions.linkOther.error}
              onLink={actions.linkOther.run}
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            It can be linked to a contract once it calls the onboarding endpoint.
          </Text>
        )}
        <Group align="flex-start" gap="sm">
          <ReasonForm
            open={item.linkedContract ? 'Reject this call…' : 'Reject…'}
            label="Reason for rejecting"
            submit="Reject"
            color="red"
            pending={actions.reject.pending}
            disabled={busy}
            error={actions.reject.error}
            onSubmit={actions.reject.run}
          />
          <ReasonForm
            open="Add note…"
            label="Note"
            submit="Add note"
            maxLength={TEXT_LIMITS.note}
            pending={actions.note.pending}
            error={actions.note.error}
            onSubmit={actions.note.run}
          />
        </Group>
        {item.lastBody !== null && <JsonBlock summary="Raw request body (last call)" value={item.lastBody} />}
      </Stack>
      <MoveDialog
        move={
          moving && {
            contractNumber: moving.contractNumber,
            customerName: moving.customerName,
            from: moving.linkedTo,
          }
        }
        to={item.serial}
        pending={busy}
        error={actions.move.error}
        onCancel={() => setMoving(undefined)}
        onConfirm={() => {
          if (moving)
            void actions.move.run(moving, moving.linkedTo).then((r) => r.ok && setMoving(undefined));
        }}
      />
    </Paper>
  );
}

/** Right after a start older calls may still be being indexed: say so rather than show a low count as final. */
function callCount(item: InboxItem): string {
  const count = `${formatCount(item.calls)} ${item.calls === 1 ? 'call' : 'calls'}`;
  return item.callsComplete ? count : `${count} so far (older calls are still being indexed)`;
}
