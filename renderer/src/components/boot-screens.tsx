import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';

/** Shown while the app loads its info and settings; usually for a blink. */
export function BootLoading() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text c="dimmed">Starting Fleetdesk…</Text>
      </Stack>
    </Center>
  );
}

export interface BootErrorProps {
  message: string;
  onRetry(): void;
}

/** Shown when the app could not load what it needs to start; says why and offers a retry. */
export function BootError({ message, onRetry }: BootErrorProps) {
  return (
    <Center h="100vh" p="md">
      <Alert color="red" title="Fleetdesk could not start" maw={560}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{message}</Text>
          <Button variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
