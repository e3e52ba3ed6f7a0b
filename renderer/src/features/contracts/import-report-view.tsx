import { List, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportReport } from '../../../../shared/domain/fleet/contracts-view';
import { plural } from '../../../../shared/domain/plural';
import { formatAddress, formatCount } from '../../lib/format';

const MAX_ERRORS_SHOWN = 200;

/** What the import would bring in: counts, the first rows as they will be stored, and every bad row. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const bad = report.errors.length;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {plural(report.total, 'row')} read, {formatCount(report.valid)} valid, {plural(bad, 'problem')}.
      </Text>
      <ImportEffect report={report} />
      {report.preview.length > 0 && (
        <>
          <Title order={4}>Preview (first {plural(report.preview.length, 'contract')})</Title>
          <ScrollArea.Autosize mah={320}>
            <Table aria-label="Import preview" withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Contract number</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Effect</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.preview.map((c) => (
                  <Table.Tr key={c.contractNumber}>
                    <Table.Td ff="monospace">{c.contractNumber}</Table.Td>
                    <Table.Td>{c.customerName}</Table.Td>
                    <Table.Td>{formatAddress(c.address) || '—'}</Table.Td>
                    <Table.Td>{c.email ?? '—'}</Table.Td>
                    <Table.Td>{c.unchanged ? 'Unchanged' : c.existing ? 'Updates existing' : 'New'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}
      {bad > 0 && (
        <>
          <Title order={4}>Rows that will not be imported</Title>
          <ScrollArea.Autosize mah={240}>
            <List size="sm" spacing={2} aria-label="Row errors">
              {report.errors.slice(0, MAX_ERRORS_SHOWN).map((e, index) => (
                <List.Item key={`${e.row}-${index}`}>
                  Row {e.row}: {e.message}
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
          {bad > MAX_ERRORS_SHOWN && (
            <Text size="xs" c="dimmed">
              Showing {formatCount(MAX_ERRORS_SHOWN)} of {formatCount(bad)} problems; fix these and preview
              again.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * What importing does to the stored contracts, before the operator imports: a contract number
 * already stored is replaced by the file's row (apply-entry.ts), links stay, nothing is deleted.
 */
function ImportEffect({ report }: { report: ImportReport }) {
  if (report.valid === 0) return null;
  const added = report.valid - report.updates;
  const changed = report.updates - report.unchanged;
  // Contracts the file holds exactly as stored (an export read back): importing them changes nothing.
  const n = report.unchanged;
  const same =
    n > 0
      ? ` ${plural(n, 'row')} of the file change${n === 1 ? 's' : ''} nothing: stored exactly so already.`
      : '';
  if (changed === 0)
    return (
      <Text size="sm">
        Importing adds {plural(added, 'new contract')}.{same}
      </Text>
    );
  return (
    <Text size="sm">
      Importing adds {plural(added, 'new contract')} and updates {plural(changed, 'existing contract')}: an
      update replaces the stored name, address, email and other columns with the file's row. Links to
      controllers stay, and contracts not in this file are kept.{same}
    </Text>
  );
}
