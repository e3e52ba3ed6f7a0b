import { useState } from 'react';
import { Badge, Button, Table, Text } from '@mantine/core';
import type { ListenerTokenInfo } from '../../../../shared/protocol/listener/listener-token';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import type { Action } from '../../hooks/use-action';
import { formatDateTime } from '../../lib/format';

export interface TokenTableProps {
  tokens: readonly ListenerTokenInfo[];
  revoke: Action<[id: string], ListenerTokenInfo[]>;
}

/** Every token with what it is bound to; revoking asks first (the controller using it is locked out). */
export function TokenTable({ tokens, revoke }: TokenTableProps) {
  const [confirming, setConfirming] = useState<ListenerTokenInfo>();
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No tokens yet: until you create one, the listener refuses every callback.
      </Text>
    );
  }
  const confirm = async () => {
    if (!confirming) return;
    const result = await revoke.run(confirming.id);
    if (result.ok) setConfirming(undefined);
  };
  // A failed revoke keeps the dialog open, so its reason is shown in it (behind the dialog's
  // overlay nobody would read it); leaving the dialog leaves the reason behind too.
  const ask = (token: ListenerTokenInfo | undefined) => {
    revoke.clear();
    setConfirming(token);
  };
  return (
    <>
      <Table aria-label="Tokens" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Label</Table.Th>
            <Table.Th>Accepted for</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.label || '(no label)'}</Table.Td>
              <Table.Td ff={t.serial ? 'monospace' : 'text'}>
                {t.serial ?? 'any serial (integration)'}
              </Table.Td>
              <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
              <Table.Td>
                {t.revokedAt ? (
                  <Badge color="gray">Revoked {formatDateTime(t.revokedAt)}</Badge>
                ) : (
                  <Badge color="teal">Active</Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {!t.revokedAt && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => ask(t)}
                    aria-label={`Revoke ${t.label || t.id}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmDialog
        opened={confirming !== undefined}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        pending={revoke.pending}
        onConfirm={() => void confirm()}
        onCancel={() => ask(undefined)}
      >
        Callbacks that carry “{confirming?.label}” will be refused from now on
        {confirming?.serial
          ? ` (controller ${confirming.serial})`
          : ' (any controller using this integration token)'}
        . This cannot be undone; create a new token if it is needed again.
        <ActionError message={revoke.error} />
      </ConfirmDialog>
    </>
  );
}
