import { useState } from 'react';
import { Alert, Box, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { formatBytes, formatDateTime } from '../../lib/format';
import { JournalArchiveNote } from './journal-archive-note';
import { entriesDone, TaskProgress } from '../../components/task-progress';
import { useDataProgress } from '../../hooks/use-data-progress';
import { useDataTools } from './use-data-tools';

/** Backups of the data folder, restoring one, and CSV exports for spreadsheets. */
export function DataSection() {
  const tools = useDataTools();
  const [restoring, setRestoring] = useState<string>();
  const { state } = tools.backups;
  // A long journal takes a while to back up or restore: say how far it is.
  const backupProgress = useDataProgress('backup', tools.backup.pending);
  const restoreProgress = useDataProgress('restore', tools.restore.pending);

  const confirmRestore = async () => {
    if (restoring === undefined) return;
    const result = await tools.restore.run(restoring);
    if (result.ok) setRestoring(undefined);
  };

  return (
    <Stack gap="md" component="section" aria-label="Data">
      <Title order={3}>Data</Title>
      <Group>
        <Button onClick={() => void tools.backup.run()} loading={tools.backup.pending}>
          Back up now
        </Button>
        <Button
          variant="default"
          onClick={() => void tools.exportInstallations.run()}
          loading={tools.exportInstallations.pending}
        >
          Export installations (CSV)
        </Button>
        <Button
          variant="default"
          onClick={() => void tools.exportContracts.run()}
          loading={tools.exportContracts.pending}
        >
          Export contracts (CSV)
        </Button>
      </Group>
      {tools.backup.pending && (
        <TaskProgress label="Backing up" detail={entriesDone('written')} progress={backupProgress} />
      )}
      <ActionError
        message={
          tools.backup.error ??
          tools.exportInstallations.error ??
          tools.exportContracts.error ??
          tools.restore.error
        }
      />
      {tools.lastBackup !== undefined && (
        <Text size="sm" role="status">
          Backup written to <Code>{tools.lastBackup}</Code>
        </Text>
      )}
      {tools.restoredTo !== undefined && (
        <Alert color="teal" title="Backup restored" role="status">
          The data you had before was moved to <Code>{tools.restoredTo}</Code>; nothing was deleted.
        </Alert>
      )}
      {state.kind === 'loading' && <Loading what="backups" />}
      {state.kind === 'failed' && (
        <LoadFailed what="backups" message={state.message} onRetry={tools.backups.reload} />
      )}
      {state.kind === 'ready' &&
        (state.value.length === 0 ? (
          <Text size="sm" c="dimmed">
            No backups yet.
          </Text>
        ) : (
          <Table aria-label="Backups" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Made</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...state.value]
                .sort((a, b) => b.at - a.at)
                .map((b) => (
                  <Table.Tr key={b.path}>
                    <Table.Td>{formatDateTime(b.at)}</Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {b.path}
                    </Table.Td>
                    <Table.Td ta="right">{formatBytes(b.bytes)}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="light" onClick={() => setRestoring(b.path)}>
                        Restore
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        ))}
      {tools.archive.state.kind === 'ready' && <JournalArchiveNote archive={tools.archive.state.value} />}
      <ConfirmDialog
        opened={restoring !== undefined}
        title="Restore this backup?"
        confirmLabel="Restore this backup"
        color="orange"
        pending={tools.restore.pending}
        onConfirm={() => void confirmRestore()}
        onCancel={() => setRestoring(undefined)}
      >
        Fleetdesk replaces its current data with the backup <Code>{restoring}</Code>. The current data is
        moved aside to a folder next to it, not deleted, so you can go back to it. Callbacks received after
        the backup was made will not be in the restored data.
        {tools.restore.pending && (
          <Box mt="md">
            <TaskProgress
              label="Checking the backup"
              detail={entriesDone('checked')}
              progress={restoreProgress}
            />
          </Box>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
