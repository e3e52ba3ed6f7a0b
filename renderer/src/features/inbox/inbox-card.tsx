import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { useApi } from '../../api';
import { Fact } from '../../components/fact';
import { JsonBlock } from '../../components/json-block';
import { ReasonForm } from '../../components/reason-form';
import { installationHref } from '../../app/use-hash-route';
import { useAction } from '../../hooks/use-action';
import { formatAddress, formatCount, formatDateTime, formatDevice } from '../../lib/format';
import { flagWords } from './inbox-words';
import { LinkOtherForm } from './link-other-form';
import { SuggestionList } from './suggestion-list';

export interface InboxCardProps {
  item: InboxItem;
  /** Every decision answers with the whole new inbox. */
  onChanged(items: InboxItem[]): void;
}

/** One waiting controller: what it sent, how it matched, and the decisions the operator can take. */
export function InboxCard({ item, onChanged }: InboxCardProps) {
  const api = useApi();
  const link = useAction(
    (contractNumber: string, reason?: string) =>
      api.inbox.link({ serial: item.serial, contractNumber, ...(reason !== undefined ? { reason } : {}) }),
    onChanged,
  );
  const reject = useAction((reason: string) => api.inbox.reject({ serial: item.serial, reason }), onChanged);
  // A note goes on the installation's timeline (e.g. "called the customer, waiting for the contract").
  const note = useAction((text: string) => api.installation.addNote({ serial: item.serial, text }));
  const onboarding = item.kind === 'onboarding';

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
        <SuggestionList
          suggestions={item.suggestions}
          pending={link.pending}
          onLink={(s) => void link.run(s.contractNumber, `suggested match: ${s.kind}`)}
        />
        <LinkOtherForm
          pending={link.pending}
          error={link.error}
          onLink={(contractNumber) => link.run(contractNumber)}
        />
        <Group align="flex-start" gap="sm">
          <ReasonForm
            open="Reject…"
            label="Reason for rejecting"
            submit="Reject"
            color="red"
            pending={reject.pending}
            error={reject.error}
            onSubmit={reject.run}
          />
          {onboarding && (
            <ReasonForm
              open="Add note…"
              label="Note"
              submit="Add note"
              pending={note.pending}
              error={note.error}
              onSubmit={note.run}
            />
          )}
        </Group>
        {item.lastBody !== null && <JsonBlock summary="Raw request body (last call)" value={item.lastBody} />}
      </Stack>
    </Paper>
  );
}

/** Right after a start older calls may still be being indexed: say so rather than show a low count as final. */
function callCount(item: InboxItem): string {
  const count = `${formatCount(item.calls)} ${item.calls === 1 ? 'call' : 'calls'}`;
  return item.callsComplete ? count : `${count} so far (older calls are still being indexed)`;
}
