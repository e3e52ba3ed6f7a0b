import {
  Anchor,
  Button,
  Group,
  List,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { Reconciliation } from '../../../../shared/domain/fleet/contracts-view';
import { LoadFailed, Loading } from '../../components/load-states';
import { installationHref } from '../../app/use-hash-route';
import type { ApiQuery } from '../../hooks/use-api-query';
import { formatCount } from '../../lib/format';

// Long lists scroll in place; past this many, a marker says how many are not shown.
const SHOWN = 500;

/** Why the MQTT list cannot be read as a problem while no broker is connected. */
const NO_BROKER =
  'No broker is connected, so nothing can arrive over MQTT yet: this list only means something once Fleetdesk is connected (Control page, or Settings → MQTT brokers).';

type ListKey = Exclude<keyof Reconciliation, 'brokerConnected'>;

const LISTS: Array<{ key: ListKey; title: string; explains: string; serials: boolean }> = [
  {
    key: 'contractedNotOnboarded',
    title: 'Contracted but not onboarded',
    explains: 'Contracts no controller is linked to yet.',
    serials: false,
  },
  {
    key: 'onboardedNeverHeard',
    title: 'Onboarded but never heard from',
    explains: 'Controllers that onboarded but never sent anything since.',
    serials: true,
  },
  {
    key: 'onboardedNeverOnMqtt',
    title: 'Onboarded but never seen on MQTT',
    explains:
      'Controllers whose feedback never arrived through the broker, though some call the listener: check the broker link and the protocol profile’s topics.',
    serials: true,
  },
  {
    key: 'onboardedWithoutContract',
    title: 'Onboarded without a contract',
    explains: 'Controllers with no contract linked.',
    serials: true,
  },
];

/** Where contracts and controllers do not line up, each list with its count. */
export function ReconciliationSection({ query }: { query: ApiQuery<Reconciliation> }) {
  const { state } = query;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Reconciliation">
      <Group justify="space-between" mb="sm">
        <Title order={3}>Reconciliation</Title>
        <Button variant="subtle" size="xs" onClick={query.reload}>
          Refresh
        </Button>
      </Group>
      {state.kind === 'loading' && <Loading what="the reconciliation" />}
      {state.kind === 'failed' && (
        <LoadFailed what="the reconciliation" message={state.message} onRetry={query.reload} />
      )}
      {state.kind === 'ready' && (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {LISTS.map((list) => (
            <ReconciliationList
              key={list.key}
              title={list.title}
              explains={
                list.key === 'onboardedNeverOnMqtt' && !state.value.brokerConnected
                  ? NO_BROKER
                  : list.explains
              }
              serials={list.serials}
              items={state.value[list.key]}
            />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

type ListProps = { title: string; explains: string; serials: boolean; items: readonly string[] };

function ReconciliationList({ title, explains, serials, items }: ListProps) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Text fw={600}>
        {title} ({formatCount(items.length)})
      </Text>
      <Text size="xs" c="dimmed">
        {explains}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="teal">
          None.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={220} type="auto">
          <List size="sm" spacing={0} ff="monospace">
            {items.slice(0, SHOWN).map((item) => (
              <List.Item key={item}>
                {serials ? (
                  <Anchor href={installationHref(item)} size="sm" ff="monospace">
                    {item}
                  </Anchor>
                ) : (
                  item
                )}
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
      )}
      {items.length > SHOWN && (
        <Text size="xs" c="dimmed">
          Showing {SHOWN} of {formatCount(items.length)}.
        </Text>
      )}
    </Stack>
  );
}
