import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { BrokerProfileView, BrokerProfilesView } from '../../../../shared/contract/broker-methods';
import type { LinkView } from '../../../../shared/contract/control-methods';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { BrokerForm } from './broker-form';
import { brokerFormFrom, emptyBrokerForm, type BrokerFormValues } from './broker-form-model';
import { useBrokerProfiles, type BrokerProfiles } from './use-broker-profiles';

/** Saved MQTT brokers: add, edit, test, delete, and connect one (it is then connected at start). */
export function BrokerSection() {
  const brokers = useBrokerProfiles();
  const [editing, setEditing] = useState<BrokerFormValues>();
  const { state } = brokers.query;
  return (
    <Stack gap="md" component="section" aria-label="MQTT brokers">
      <Group justify="space-between">
        <Title order={3}>MQTT brokers</Title>
        {editing === undefined && (
          <Button variant="default" onClick={() => setEditing(emptyBrokerForm())}>
            Add broker
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Where Fleetdesk sends commands and reads feedback. The active broker is connected when Fleetdesk
        starts; if port 1883 is blocked, test the profile to find the port-80 backup.
      </Text>
      {state.kind === 'loading' && <Loading what="broker profiles" />}
      {state.kind === 'failed' && (
        <LoadFailed what="broker profiles" message={state.message} onRetry={brokers.query.reload} />
      )}
      {state.kind === 'ready' && (
        <>
          <Text size="sm" data-testid="password-storage">
            Passwords: {state.value.passwords.keptWhere}.
          </Text>
          {editing !== undefined ? (
            <BrokerForm
              key={editing.id}
              initial={editing}
              passwordStored={stored(state.value, editing.id)}
              passwords={state.value.passwords}
              brokers={brokers}
              onDone={() => setEditing(undefined)}
            />
          ) : (
            <ProfileList
              view={state.value}
              brokers={brokers}
              onEdit={(p) => setEditing(brokerFormFrom(p.profile))}
            />
          )}
        </>
      )}
    </Stack>
  );
}

const stored = (view: BrokerProfilesView, id: string) =>
  view.profiles.some((p) => p.profile.id === id && p.passwordStored);

type ListProps = { view: BrokerProfilesView; brokers: BrokerProfiles; onEdit(p: BrokerProfileView): void };

function ProfileList({ view, brokers, onEdit }: ListProps) {
  const [outcome, setOutcome] = useState<string>();
  const connect = async (id: string) => {
    setOutcome(undefined);
    const result = await brokers.connect.run(id);
    if (result.ok) setOutcome(linkWords(result.value));
  };
  if (view.profiles.length === 0) {
    return <Text size="sm">No broker saved yet. Add one to connect at start.</Text>;
  }
  return (
    <Stack gap="xs">
      {view.profiles.map((p) => (
        <Paper key={p.profile.id} withBorder p="sm" aria-label={`Broker ${p.profile.name}`}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{p.profile.name}</Text>
                {p.active && (
                  <Badge color="teal" variant="light">
                    Active
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {p.profile.url}
                {p.profile.fallbackUrl && ` · backup ${p.profile.fallbackUrl}`}
                {p.profile.username && ` · user ${p.profile.username}`}
                {` · password ${p.passwordStored ? 'stored' : 'none'}`}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="default" onClick={() => onEdit(p)}>
                Edit
              </Button>
              <Button size="xs" loading={brokers.connect.pending} onClick={() => void connect(p.profile.id)}>
                {p.active ? 'Reconnect' : 'Make active and connect'}
              </Button>
              <Button
                size="xs"
                color="red"
                variant="subtle"
                loading={brokers.remove.pending}
                onClick={() => void brokers.remove.run(p.profile.id)}
              >
                Delete
              </Button>
            </Group>
          </Group>
        </Paper>
      ))}
      {outcome !== undefined && (
        <Text size="sm" role="status">
          {outcome}
        </Text>
      )}
      <ActionError message={brokers.connect.error ?? brokers.remove.error} />
    </Stack>
  );
}

/** The link after a connect, in words: it may still be retrying while Settings stays open. */
export function linkWords(link: LinkView): string {
  switch (link.state) {
    case 'connected':
      return `Connected to ${link.url ?? 'the broker'}${link.protocolVersion === 5 ? ' with MQTT 5' : link.protocolVersion === 4 ? ' with MQTT 3.1.1' : ''}.`;
    case 'reconnecting':
      return `Not connected yet, retrying: ${link.lastError ?? 'no answer'}.`;
    case 'connecting':
      return 'Connecting…';
    case 'stopped':
    case 'unconfigured':
      return 'Not connected.';
  }
}
