import { Alert, Button, Code, Stack, Text } from '@mantine/core';

export interface ErrorPanelProps {
  error: Error;
  onReload(): void;
}

/** What a page that crashed shows instead of a blank area: the error and a way out. */
export function ErrorPanel({ error, onReload }: ErrorPanelProps) {
  return (
    <Alert color="red" title="This page stopped working" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Something went wrong while showing this page. Other pages still work.</Text>
        <Code block>{error.message || error.name}</Code>
        <Button variant="light" color="red" onClick={onReload}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
