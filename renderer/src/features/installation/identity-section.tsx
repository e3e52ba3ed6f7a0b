import { Fact } from '../../components/fact';
import { Box, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { Installation } from '../../../../shared/domain/inventory/installation';
import type { ReactNode } from 'react';
import { FallbackTimeout, type SetFallback } from './fallback-timeout';
import { JsonBlock } from '../../components/json-block';
import { RelativeTime } from '../../components/relative-time';
import { formatAddress, formatCount, formatDateTime } from '../../lib/format';

/** Each signal's name in a label. */
const SIGNAL_WORDS: Record<keyof Installation['lastSeen'], string> = {
  health: 'health call',
  onboarding: 'onboarding call',
  offboarding: 'offboarding call',
  mqtt: 'MQTT feedback',
  command: 'command',
};

/**
 * Who the controller is: serial, site, address, fallback timeout and the devices behind it.
 * `lastFeedbackAt` is the live time of its latest MQTT feedback: the journaled mark it would
 * otherwise show is written at most every 15 minutes.
 */
export function IdentitySection({
  installation: i,
  lastFeedbackAt,
  setFallback,
}: {
  installation: Installation;
  lastFeedbackAt: number | null;
  setFallback: SetFallback;
}) {
  const facts: Array<[string, ReactNode]> = [
    ['Serial', i.serial],
    ['Site node id', i.siteNodeId ?? '—'],
    ['Address', formatAddress(i.address) || '—'],
    ['Fallback timeout', <FallbackTimeout key="fallback" installation={i} setFallback={setFallback} />],
    ['Contract number typed', i.requestedContractNumber ?? '—'],
    ['First seen', formatDateTime(i.firstSeenAt)],
  ];
  const lastSeen = { ...i.lastSeen };
  if (lastFeedbackAt !== null) lastSeen.mqtt = Math.max(lastSeen.mqtt ?? lastFeedbackAt, lastFeedbackAt);
  const seen = (Object.keys(SIGNAL_WORDS) as Array<keyof typeof SIGNAL_WORDS>).flatMap((signal) => {
    const at = lastSeen[signal];
    return at === undefined ? [] : [[signal, at] as const];
  });
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
          <Fact key={signal} label={`Last ${SIGNAL_WORDS[signal]}`}>
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
      <UnknownFields extra={i.extra} />
    </Paper>
  );
}

/**
 * Fields of the onboarding call this version does not know, kept as sent (the protocol's names are
 * partly inferred, so an unexpected field may matter). Said plainly when there are none.
 */
function UnknownFields({ extra }: { extra: Installation['extra'] }) {
  const count = Object.keys(extra).length;
  if (count === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        No other fields in its calls.
      </Text>
    );
  }
  return (
    <Box mt="sm">
      <JsonBlock summary={`Other fields the controller sent (${formatCount(count)})`} value={extra} />
    </Box>
  );
}
