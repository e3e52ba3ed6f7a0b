import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { ADDRESS_AGREEMENT, SUGGESTION_KIND } from './inbox-words';

type Suggestion = InboxItem['suggestions'][number];

export interface SuggestionListProps {
  suggestions: readonly Suggestion[];
  pending: boolean;
  onLink(suggestion: Suggestion): void;
}

/** The contracts the matcher proposes, strongest first, each one click from being linked. */
export function SuggestionList({ suggestions, pending, onLink }: SuggestionListProps) {
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
                  {s.linkedTo !== null && (
                    <Text size="xs" c="orange">
                      Linked to {s.linkedTo} now; linking moves it here.
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" disabled={pending} onClick={() => onLink(s)}>
                  Link to {s.contractNumber}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
