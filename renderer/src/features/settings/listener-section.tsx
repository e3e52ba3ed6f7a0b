import { List, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { NumberField } from '../../components/number-field';
import { useAppData } from '../boot';
import type { SectionProps } from './field-props';
import { rangeOf, rangeText } from './field-ranges';
import { ListenerAddress } from './listener-address';
import { listenerInUse } from './listener-in-use';

const PORT = rangeOf('listener', 'port');
// The three rate limits share one schema (RequestsPerMinuteSchema).
const LIMIT = rangeOf('listener', 'perAddressPerMinute');

/** Where the callback listener binds and the public address Eniris is told to call. */
export function ListenerSection({ values, errors, disabled, onChange }: SectionProps) {
  // What this run really uses comes from the core (app info); the fields are the saved settings.
  const { info, settings } = useAppData();
  return (
    <Stack gap="md">
      <Title order={3}>Callback listener</Title>
      <Text size="sm" c="dimmed">
        Eniris calls this listener when a controller is onboarded, offboarded or reports its health. It runs
        on this machine, so Eniris can only reach it once it is exposed to the internet, for example with:
      </Text>
      <List size="sm" c="dimmed" spacing={2}>
        <List.Item>a port forward on your router or firewall to this machine's listener port;</List.Item>
        <List.Item>
          a reverse proxy (nginx, Caddy, Traefik) that terminates HTTPS and forwards to it;
        </List.Item>
        <List.Item>
          a tunnel (Cloudflare Tunnel, ngrok, Tailscale Funnel) when you cannot open a port.
        </List.Item>
      </List>
      <ListenerAddress
        inUse={listenerInUse(info, settings.listener)}
        publicUrl={settings.listener.publicUrl}
      />
      <TextInput
        label="Listener host"
        description="The saved address to bind: 127.0.0.1 behind a proxy or tunnel on this machine, 0.0.0.0 for a port forward."
        value={values.listenerHost}
        error={errors.listenerHost}
        disabled={disabled}
        onChange={(e) => onChange('listenerHost', e.currentTarget.value)}
      />
      <NumberField
        whole
        label="Listener port"
        description={`The saved port (0 = any free port). ${rangeText(PORT)} Host and port changes take effect the next time Fleetdesk starts.`}
        value={values.listenerPort}
        error={errors.listenerPort}
        disabled={disabled}
        onChange={(value) => onChange('listenerPort', value)}
      />
      <TextInput
        label="Public URL"
        description="The address the outside world uses to reach the listener (https://… of your proxy or tunnel). This is what you hand over to Eniris."
        placeholder="https://fleet.example.com"
        value={values.listenerPublicUrl}
        error={errors.listenerPublicUrl}
        disabled={disabled}
        onChange={(e) => onChange('listenerPublicUrl', e.currentTarget.value)}
      />
      <TextInput
        label="TLS certificate file"
        description="PEM file; with a key file the listener serves HTTPS itself. Leave both empty behind a TLS proxy or tunnel."
        placeholder="/etc/fleetdesk/listener.crt"
        value={values.listenerTlsCertFile}
        error={errors.listenerTlsCertFile}
        disabled={disabled}
        onChange={(e) => onChange('listenerTlsCertFile', e.currentTarget.value)}
      />
      <TextInput
        label="TLS key file"
        placeholder="/etc/fleetdesk/listener.key"
        value={values.listenerTlsKeyFile}
        error={errors.listenerTlsKeyFile}
        disabled={disabled}
        onChange={(e) => onChange('listenerTlsKeyFile', e.currentTarget.value)}
      />
      <Title order={4}>Rate limits and proxies</Title>
      <Text size="sm" c="dimmed">
        Requests a minute the listener accepts before it answers 429 (with Retry-After). Changes apply at
        once, and the counts start afresh.
      </Text>
      <NumberField
        whole
        label="Per client address"
        description={`Counted before the token is checked, so guessing tokens is slowed down too. Behind a relay or proxy that is not listed below, every controller shares one address: raise this, or list the proxy. ${rangeText(LIMIT)}`}
        value={values.listenerPerAddress}
        error={errors.listenerPerAddress}
        disabled={disabled}
        onChange={(value) => onChange('listenerPerAddress', value)}
      />
      <NumberField
        whole
        label="Per controller token"
        description={`A token bound to one controller, which reports every few minutes. ${rangeText(LIMIT)}`}
        value={values.listenerPerBoundToken}
        error={errors.listenerPerBoundToken}
        disabled={disabled}
        onChange={(value) => onChange('listenerPerBoundToken', value)}
      />
      <NumberField
        whole
        label="Per integration token"
        description={`A token the whole fleet (or Eniris's relay) may share. ${rangeText(LIMIT)}`}
        value={values.listenerPerIntegrationToken}
        error={errors.listenerPerIntegrationToken}
        disabled={disabled}
        onChange={(value) => onChange('listenerPerIntegrationToken', value)}
      />
      <Textarea
        label="Trusted reverse proxies"
        description="Addresses or CIDR blocks (10.0.0.0/8), one per line, or loopback for a proxy on this machine. Only for calls from these is the client address read from X-Forwarded-For; leave empty when controllers connect directly, since anyone else could forge that header."
        placeholder={'127.0.0.1\n10.0.0.0/8'}
        rows={3}
        value={values.listenerTrustedProxies}
        error={errors.listenerTrustedProxies}
        disabled={disabled}
        onChange={(e) => onChange('listenerTrustedProxies', e.currentTarget.value)}
      />
    </Stack>
  );
}
