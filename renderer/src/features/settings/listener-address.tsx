import { Button, Code, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { ListenerInUse } from './listener-in-use';

/**
 * What the listener really uses in this run (the fields below are the saved values, which a
 * command-line flag may override), and the public URL to hand over to Eniris, ready to copy.
 */
export function ListenerAddress({ inUse, publicUrl }: { inUse: ListenerInUse; publicUrl: string }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label="Listener in use">
      <Stack gap="xs">
        {inUse.kind === 'running' ? (
          <>
            <Text size="sm">
              Running now on host <strong>{inUse.host}</strong>, port <strong>{inUse.port}</strong>:{' '}
              <Code style={{ wordBreak: 'break-all' }}>{inUse.url}</Code>
            </Text>
            {[inUse.hostNote, inUse.portNote].map(
              (note) =>
                note !== undefined && (
                  <Text key={note} size="sm" c="orange">
                    {note}
                  </Text>
                ),
            )}
          </>
        ) : (
          <Text size="sm" c="red">
            Not running: the listener did not start in this run (a notice at the top says why).
          </Text>
        )}
        <PublicUrl url={publicUrl} />
      </Stack>
    </Paper>
  );
}

/** The saved public URL as text with a Copy button: it is what the operator sends to Eniris. */
function PublicUrl({ url }: { url: string }) {
  if (url === '') {
    return (
      <Text size="sm" c="dimmed">
        No public URL saved yet: once the listener is reachable from the internet, enter its address below and
        hand it over to Eniris.
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text size="sm">Public URL for Eniris:</Text>
      <Code data-testid="listener-public-url" style={{ wordBreak: 'break-all' }}>
        {url}
      </Code>
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button size="xs" variant="light" onClick={copy} style={{ flexShrink: 0 }}>
            {copied ? 'Copied' : 'Copy public URL'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
