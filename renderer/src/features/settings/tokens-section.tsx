import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { SerialNumberSchema } from '../../../../shared/protocol/listener/callback-schemas';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { TokenTable } from './token-table';
import { useTokens, type CreatedToken } from './use-tokens';

/** Per-controller (or integration) bearer tokens the listener accepts. */
export function TokensSection() {
  const tokens = useTokens();
  const { state } = tokens.query;
  return (
    <Stack gap="md" component="section" aria-label="Listener tokens">
      <Title order={3}>Listener tokens</Title>
      <Text size="sm" c="dimmed">
        Eniris sends a bearer token with every callback. Give each controller its own token bound to its
        serial; an integration token (no serial) is accepted for any controller.
      </Text>
      <CreateTokenForm
        pending={tokens.create.pending}
        error={tokens.create.error}
        onCreate={tokens.create.run}
      />
      {tokens.created && <NewSecret created={tokens.created} onDone={tokens.dismissCreated} />}
      {state.kind === 'loading' && <Loading what="tokens" />}
      {state.kind === 'failed' && (
        <LoadFailed what="tokens" message={state.message} onRetry={tokens.query.reload} />
      )}
      {state.kind === 'ready' && <TokenTable tokens={state.value} revoke={tokens.revoke} />}
    </Stack>
  );
}

type CreateProps = {
  pending: boolean;
  error: string | undefined;
  onCreate(label: string, serial: string | null): Promise<{ ok: boolean }>;
};

function CreateTokenForm({ pending, error, onCreate }: CreateProps) {
  const [label, setLabel] = useState('');
  const [serial, setSerial] = useState('');
  // The schema the core stores tokens with: a serial no controller can send is caught as it is typed.
  const serialCheck = serial.trim() === '' ? undefined : SerialNumberSchema.safeParse(serial.trim());
  const serialError = serialCheck?.success === false ? serialCheck.error.issues[0]?.message : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (serialError !== undefined) return;
    const result = await onCreate(label.trim(), serial.trim() === '' ? null : serial.trim());
    if (result.ok) {
      setLabel('');
      setSerial('');
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Create a token">
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Token label"
          placeholder="Eniris production"
          value={label}
          maxLength={200}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        <TextInput
          label="Bound serial"
          description="Leave empty for an integration token"
          placeholder="SG1-…"
          value={serial}
          maxLength={64}
          error={serialError && `Bound serial ${serialError}`}
          onChange={(e) => setSerial(e.currentTarget.value)}
        />
        <Button type="submit" loading={pending} disabled={label.trim() === '' || serialError !== undefined}>
          Create token
        </Button>
      </Group>
      <ActionError message={error} />
    </form>
  );
}

/** The secret, once: only its digest is stored, so it cannot be shown again after this. */
function NewSecret({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  return (
    <Alert color="yellow" title={`Token “${created.token.label}” created`} role="status">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Copy this secret now: it will not be shown again. Fleetdesk keeps only a fingerprint of it.
        </Text>
        <Group gap="xs">
          <Code data-testid="token-secret" style={{ wordBreak: 'break-all' }}>
            {created.secret}
          </Code>
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
