import { List, Stack, Text } from '@mantine/core';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { formatAddress, formatDateTime } from '../../lib/format';

/**
 * What the operator should know before deciding, beyond the call itself: the link this controller
 * already has, a rejection that still stands, and the notes taken on it.
 */
export function InboxContext({ item }: { item: InboxItem }) {
  const { linkedContract: linked, rejected, notes = [] } = item;
  if (!linked && !rejected && notes.length === 0) return null;
  return (
    <Stack gap={4}>
      {linked && (
        <Text size="sm" c="orange">
          Linked now to {linked.contractNumber}
          {linked.customerName !== null && ` (${linked.customerName}, ${formatAddress(linked.address)})`},
          while its calls name {item.requestedContractNumber}. Linking another contract ends that link;
          rejecting the call keeps it.
        </Text>
      )}
      {rejected && (
        <Text size="sm" c="red">
          Rejected on {formatDateTime(rejected.at)} by {rejected.by}: “{rejected.reason}”. It does not link
          itself while that stands; link it only if that no longer holds.
        </Text>
      )}
      {notes.length > 0 && (
        <List size="sm" aria-label="Notes" spacing={2}>
          {notes.map((n) => (
            <List.Item key={`${n.at}-${n.text}`}>
              {formatDateTime(n.at)} · {n.by}: {n.text}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
