import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { CommandRow } from '../../../../shared/contract/control-methods';
import { describeCommand } from '../../../../shared/domain/control/describe-command';
import { RelativeTime } from '../../components/relative-time';
import { formatCount } from '../../lib/format';
import { STATE_COLOURS } from './control-words';
import { withLocalTimes } from '../../lib/local-times';

const CAP = 200;

/** The journal of commands, newest first, the last 200 of them (and says so when there are more). */
export function CommandsList({ commands }: { commands: readonly CommandRow[] }) {
  const newest = [...commands].sort((a, b) => b.createdAt - a.createdAt).slice(0, CAP);
  return (
    <Paper withBorder p="md" component="section" aria-label="Commands">
      <Stack gap="xs">
        <Title order={3}>Commands</Title>
        {commands.length > CAP && (
          <Text size="sm" c="dimmed">
            Showing the last {CAP} of {formatCount(commands.length)} commands; Activity has the full history.
          </Text>
        )}
        {newest.length === 0 ? (
          <Text size="sm" c="dimmed">
            No commands sent yet.
          </Text>
        ) : (
          <CommandsTable commands={newest} showSerial />
        )}
      </Stack>
    </Paper>
  );
}

/** Commands as rows, in the order given; `showSerial` for lists that span installations. */
export function CommandsTable({
  commands,
  showSerial = false,
}: {
  commands: readonly CommandRow[];
  showSerial?: boolean;
}) {
  return (
    <Table aria-label={showSerial ? 'Commands' : 'Commands of this installation'} striped>
      <Table.Thead>
        <Table.Tr>
          {showSerial && <Table.Th>Serial</Table.Th>}
          <Table.Th>Command</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Detail</Table.Th>
          <Table.Th>Sent</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {commands.map((c) => (
          <Table.Tr key={c.commandId} data-testid="command-row">
            {showSerial && <Table.Td>{c.serial}</Table.Td>}
            <Table.Td>
              {describeCommand(c.command)}
              {c.hold ? ' (held)' : ''}
            </Table.Td>
            <Table.Td>
              <Badge color={STATE_COLOURS[c.state]} variant="light">
                {c.state}
              </Badge>
            </Table.Td>
            <Table.Td>{c.detail === null ? '—' : withLocalTimes(c.detail)}</Table.Td>
            <Table.Td>
              <RelativeTime at={c.createdAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
