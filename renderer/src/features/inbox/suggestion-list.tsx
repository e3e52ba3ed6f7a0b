import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { ActionError } from '../../components/load-states';
import { ADDRESS_AGREEMENT, SUGGESTION_KIND } from './inbox-words';

type Suggestion = InboxItem['suggestions'][number];

export interface SuggestionListProps {
  suggestions: readonly Suggestion[];
  pending: boolean;
  /** The last link's failure, shown in the row whose button was clicked. */
  error: string | undefined;
  onLink(suggestion: Suggestion): void;
  /** A suggestion linked to another controller: the card asks before moving it. */
  onMove(suggestion: Suggestion & { linkedTo: string }): void;
}

/** The contracts the matcher proposes, strongest first, each one click from being linked. */
export function SuggestionList({ suggestions, pending, error, onLink, onMove }: SuggestionListProps) {
  const [clicked, setClicked] = useState<string>();
  if (suggestions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No contract resembles what this controller sent.
      </Text>
    );
  }
  return (
    <Table aria-label="Suggested contracts" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Contract</Table.Th>
          <Table.Th>Customer</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {suggestions.map((s) => {
          const agreement = ADDRESS_AGREEMENT[s.address];
          const linkedTo = s.linkedTo;
          return (
            <Table.Tr key={s.contractNumber}>
              <Table.Td ff="monospace">{s.contractNumber}</Table.Td>
              <Table.Td>{s.customerName}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={4}>
                    <Text size="sm">{SUGGESTION_KIND[s.kind]}</Text>
                    <Badge size="xs" variant="dot" color={agreement.color} style={{ textTransform: 'none' }}>
                      {agreement.text}
                    </Badge>
                  </Group>
                  {linkedTo !== null && (
                    <Text size="xs" c="orange">
                      Linked to {linkedTo} now; moving it here ends that link.
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="light"
                  {...(linkedTo !== null && { color: 'orange' })}
                  disabled={pending}
                  onClick={() => {
                    setClicked(s.contractNumber);
                    if (linkedTo === null) onLink(s);
                    else onMove({ ...s, linkedTo });
                  }}
                >
                  {linkedTo === null
                    ? `Link to ${s.contractNumber}`
                    : `Move ${s.contractNumber} from ${linkedTo}…`}
                </Button>
                {clicked === s.contractNumber && <ActionError message={error} />}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
