import { useState } from 'react';
import { Badge, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { LinkView } from '../../../../shared/contract/control-methods';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import { ActionError } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { SavedBrokerConnect } from '../settings/saved-broker-connect';
import { DisconnectButton } from './disconnect-button';
import { FeedbackCounts } from './feedback-counts';
import { plural } from '../../../../shared/domain/plural';

const STATE_WORDS: Record<LinkView['state'], string> = {
  unconfigured: 'Not configured',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  stopped: 'Disconnected',
};

/** The broker link in words, with a connect form when it is down and Disconnect when it is up. */
export function LinkPanel({
  link,
  leases,
  onChanged,
}: {
  link: LinkView;
  /** The Control page's leases: Disconnect asks first while some are held. */
  leases: readonly LeaseView[];
  onChanged(): void;
}) {
  const api = useApi();
  const [url, setUrl] = useState(link.url ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const connect = useAction(api.broker.connect, onChanged);
  const disconnect = useAction(api.broker.disconnect, onChanged);
  const up = link.state === 'connected';
  const protocol = link.protocolVersion === 5 ? 'MQTT v5' : link.protocolVersion === 4 ? 'MQTT 3.1.1' : null;

  return (
    <Paper withBorder p="md" component="section" aria-label="Broker link">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Broker link</Title>
          <Badge color={up ? 'teal' : 'red'} variant="light">
            {STATE_WORDS[link.state]}
          </Badge>
        </Group>
        <Text size="sm" data-testid="link-summary">
          {up ? (
            <>
              Connected to {link.url} since <RelativeTime at={link.since} />
              {protocol && ` · ${protocol}`}
              {link.latencyMs !== null && ` · ${link.latencyMs} ms latency`}
            </>
          ) : (
            `${STATE_WORDS[link.state]}${link.url ? ` (${link.url})` : ''}`
          )}
          {` · ${plural(link.reconnects, 'reconnect')} · subscriptions ${link.subscriptions.confirmed}/${link.subscriptions.total} confirmed`}
        </Text>
        {link.subscriptions.refused.length > 0 && (
          <Text size="sm" c="orange">
            Refused subscriptions: {link.subscriptions.refused.join(', ')}
          </Text>
        )}
        <FeedbackCounts counts={link.feedback} />
        {link.lastError &&
          (up || link.state === 'stopped' ? (
            // The link only records an error when a connection ends, so this one is history now
            // (often just the fall-back from MQTT 5), and after Disconnect nothing is failing any
            // more: not an alarm.
            <Text size="sm" c="dimmed" data-testid="link-last-error">
              {up ? 'Before this connection' : 'Before the disconnect'}: {link.lastError}
            </Text>
          ) : (
            <Text size="sm" c="red" data-testid="link-last-error">
              Last error: {link.lastError}
            </Text>
          ))}
        {!up && <SavedBrokerConnect onConnected={onChanged} />}
        {up ? (
          <Group>
            <DisconnectButton
              leases={leases}
              pending={disconnect.pending}
              onDisconnect={() => void disconnect.run()}
            />
          </Group>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void connect.run({
                url: url.trim(),
                ...(username !== '' && { username }),
                ...(password !== '' && { password }),
              });
            }}
          >
            <Group align="flex-end">
              <TextInput
                label="Broker URL"
                placeholder="mqtt://host:1883"
                required
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
              />
              <TextInput
                label="Username"
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
              />
              <PasswordInput
                label="Password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={connect.pending} disabled={url.trim() === ''}>
                Connect
              </Button>
            </Group>
          </form>
        )}
        <ActionError message={connect.error ?? disconnect.error} />
      </Stack>
    </Paper>
  );
}
