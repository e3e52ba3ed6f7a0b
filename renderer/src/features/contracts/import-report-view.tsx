import { List, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportReport } from '../../../../shared/domain/fleet/contracts-view';
import { formatAddress, formatCount } from '../../lib/format';

const MAX_ERRORS_SHOWN = 200;

/** What the import would bring in: counts, the first rows as they will be stored, and every bad row. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const bad = report.errors.length;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {formatCount(report.total)} rows read, {formatCount(report.valid)} valid, {formatCount(bad)}{' '}
        {bad === 1 ? 'problem' : 'problems'}.
      </Text>
      {report.preview.length > 0 && (
        <>
          <Title order={4}>Preview (first {formatCount(report.preview.length)} contracts)</Title>
          <ScrollArea.Autosize mah={320}>
            <Table aria-label="Import preview" withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Contract number</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Email</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.preview.map((c) => (
                  <Table.Tr key={c.contractNumber}>
                    <Table.Td ff="monospace">{c.contractNumber}</Table.Td>
                    <Table.Td>{c.customerName}</Table.Td>
                    <Table.Td>{formatAddress(c.address) || '—'}</Table.Td>
                    <Table.Td>{c.email ?? '—'}</Table.Td>
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
