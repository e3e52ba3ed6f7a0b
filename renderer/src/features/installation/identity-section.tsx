import { Fact } from '../../components/fact';
import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { Installation } from '../../../../shared/domain/inventory/installation';
import { RelativeTime } from '../../components/relative-time';
import { formatAddress, formatCount, formatDateTime } from '../../lib/format';

/** Who the controller is: serial, site, address, fallback timeout and the devices behind it. */
export function IdentitySection({ installation: i }: { installation: Installation }) {
  const facts: Array<[string, string]> = [
    ['Serial', i.serial],
    ['Site node id', i.siteNodeId ?? '—'],
    ['Address', formatAddress(i.address) || '—'],
    [
      'Fallback timeout',
      i.fallbackTimeoutSeconds === null ? '—' : `${formatCount(i.fallbackTimeoutSeconds)} s`,
    ],
    ['Contract number typed', i.requestedContractNumber ?? '—'],
    ['First seen', formatDateTime(i.firstSeenAt)],
  ];
  const seen = Object.entries(i.lastSeen).filter((e): e is [string, number] => typeof e[1] === 'number');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Identity">
      <Title order={3} mb="sm">
        Identity
      </Title>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs" component="dl" m={0}>
        {facts.map(([label, value]) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
        {seen.map(([signal, at]) => (
          <Fact key={signal} label={`Last ${signal} signal`}>
            <RelativeTime at={at} />
          </Fact>
        ))}
      </SimpleGrid>
      <Title order={4} mt="md" mb="xs">
        Devices
      </Title>
      {i.devices.length === 0 ? (
        <Text size="sm" c="dimmed">
          The controller reported no devices.
        </Text>
      ) : (
        <Table aria-label="Devices" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th>Model</Table.Th>
              <Table.Th ta="right">Nominal power</Table.Th>
              <Table.Th ta="right">Capacity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {i.devices.map((d, index) => (
              <Table.Tr key={index}>
                <Table.Td>{d.type}</Table.Td>
                <Table.Td>{d.model ?? '—'}</Table.Td>
                <Table.Td ta="right">
                  {d.nominalPowerW === undefined ? '—' : `${formatCount(d.nominalPowerW)} W`}
                </Table.Td>
                <Table.Td ta="right">
                  {d.capacityWh === undefined ? '—' : `${formatCount(d.capacityWh)} Wh`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
