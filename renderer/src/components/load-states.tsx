import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';

/** A section waiting for its first answer. */
export function Loading({ what }: { what: string }) {
  return (
    <Center p="xl">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed" size="sm">
          Loading {what}…
        </Text>
      </Stack>
    </Center>
  );
}

/** A read that failed: the reason and a retry, instead of an empty page that looks like no data. */
export function LoadFailed({ what, message, onRetry }: { what: string; message: string; onRetry(): void }) {
  return (
    <Alert color="red" title={`Could not load ${what}`} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/** The outcome of an action next to its button. */
export function ActionError({ message }: { message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <Text c="red" size="sm" role="alert">
      {message}
    </Text>
  );
}
