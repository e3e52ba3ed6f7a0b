import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import { activeLinkOf, type LinkRecord, type LinkSource } from '../../../../shared/domain/inventory/link';
import type { Action } from '../../hooks/use-action';
import { formatAddress, formatDateTime } from '../../lib/format';
import { ReasonForm } from '../../components/reason-form';
import { linkEndedAt } from './offboarding';

export interface ContractLinkSectionProps {
  view: InstallationView;
  endLink: Action<[reason: string], InstallationView>;
}

/** The contract in force, every link this serial ever had (who, when, why, from what), and ending it. */
export function ContractLinkSection({ view, endLink }: ContractLinkSectionProps) {
  const active = activeLinkOf(view.links);
  const contract = view.contract;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Contract link">
      <Title order={3} mb="sm">
        Contract
      </Title>
      <Stack gap="sm">
        {contract ? (
          <Text size="sm">
            <strong>{contract.contractNumber}</strong> · {contract.customerName} ·{' '}
            {formatAddress(contract.address) || 'no address'}
            {contract.email !== undefined && ` · ${contract.email}`}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {noContractWords(view)}
          </Text>
        )}
        {active && (
          <ReasonForm
            open="End link…"
            label="Reason for ending the link"
            submit="End link"
            color="red"
            pending={endLink.pending}
            error={endLink.error}
            onSubmit={(reason) => endLink.run(reason)}
          />
        )}
        <Title order={4}>Link history</Title>
        {view.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            This serial has never been linked.
          </Text>
        ) : (
          <LinkHistory links={view.links} />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Why no contract shows, and what to do: the Inbox lists pending installations only, so an
 * offboarded or rejected one is not sent there.
 */
function noContractWords(view: InstallationView): string {
  const onboarding = view.installation.onboarding;
  if (onboarding.state === 'offboarded') {
    const when = formatDateTime(onboarding.since);
    const ended = linkEndedAt(view, onboarding.since);
    return ended
      ? `The link to contract ${ended.contractNumber} ended when the installation was offboarded on ${when}.`
      : `No contract was linked when the installation was offboarded on ${when}.`;
  }
  if (onboarding.state === 'rejected')
    return `No contract is linked: it was rejected (${onboarding.reason}).`;
  const active = activeLinkOf(view.links);
  if (active)
    return `Linked to contract ${active.contractNumber}, which is not among the imported contracts.`;
  return 'No contract is linked. Link one from the Inbox.';
}

const sourceText = (source: LinkSource) =>
  source.kind === 'operator' ? 'operator action' : `callback ${source.ref}`;

/** Newest first: the link in force (if any) on top. */
function LinkHistory({ links }: { links: readonly LinkRecord[] }) {
  return (
    <Table aria-label="Link history" withTableBorder verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Contract</Table.Th>
          <Table.Th>Linked</Table.Th>
          <Table.Th>Ended</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...links].reverse().map((link) => (
          <Table.Tr key={`${link.contractNumber}-${link.linkedAt}`}>
            <Table.Td>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {link.contractNumber}
                </Text>
                {!link.ended && <Badge size="xs">in force</Badge>}
              </Group>
            </Table.Td>
            <Table.Td>
              <Change at={link.linkedAt} by={link.by} reason={link.reason} source={link.source} />
            </Table.Td>
            <Table.Td>{link.ended ? <Change {...link.ended} /> : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Change({ at, by, reason, source }: { at: number; by: string; reason: string; source: LinkSource }) {
  return (
    <Stack gap={0}>
      <Text size="sm">
        {formatDateTime(at)} by {by}
      </Text>
      <Text size="xs" c="dimmed">
        {reason || 'no reason given'} ({sourceText(source)})
      </Text>
    </Stack>
  );
}
