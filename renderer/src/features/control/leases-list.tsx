import { useState } from 'react';
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';

/** Held leases with when each lapses; Release one, or Release all after a confirmation. */
export function LeasesList({ leases, onChanged }: { leases: readonly LeaseView[]; onChanged(): void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const release = useAction(api.control.release, () => {
    setConfirming(false);
    onChanged();
  });

  return (
    <Paper withBorder p="md" component="section" aria-label="Leases">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Leases</Title>
          <Button
            color="red"
            variant="light"
            disabled={leases.length === 0}
            onClick={() => setConfirming(true)}
          >
            Release all
          </Button>
        </Group>
        <ActionError message={release.error} />
        {leases.length === 0 ? (
          <Text size="sm" c="dimmed">
            No installation is held: every site runs on local control.
          </Text>
        ) : (
          <Table aria-label="Leases" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Serial</Table.Th>
                <Table.Th>Groups</Table.Th>
                <Table.Th>Lapses</Table.Th>
                <Table.Th>Refreshes</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {leases.map((l) => (
                <Table.Tr key={l.serial} data-testid="lease-row">
                  <Table.Td>{l.serial}</Table.Td>
                  <Table.Td>{l.groups.join(', ')}</Table.Td>
                  <Table.Td>
                    {l.lapsesAt === null ? 'not in force yet' : <RelativeTime at={l.lapsesAt} />}
                  </Table.Td>
                  <Table.Td>
                    {formatCount(l.refreshes)} (every {Math.round(l.refreshEveryMs / 1000)} s)
                    {l.refused > 0 && `, ${l.refused} refused`}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Release ${l.serial}`}
                      onClick={() => void release.run({ serial: l.serial })}
                    >
                      Release
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title="Release all installations?"
        confirmLabel="Release all"
        pending={release.pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void release.run({ serial: 'all' })}
      >
        Every held installation ({formatCount(leases.length)}) goes back to local control now.
      </ConfirmDialog>
    </Paper>
  );
}
