import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { useAppData } from '../boot';

/**
 * "Try the demo fleet": starts an embedded broker and 50 simulated controllers beside this
 * instance, on demo data of their own, and opens that instance (in the desktop app, in a window of its
 * own). Hidden inside the demo itself.
 */
export function TryDemoButton() {
  const api = useApi();
  const { info } = useAppData();
  const [openedInWindow, setOpenedInWindow] = useState(false);
  const start = useAction(
    () => api.demo.start(),
    // The desktop app shows the demo in a window of its own; a browser tab goes to its page.
    (launch) => (launch.openedInWindow ? setOpenedInWindow(true) : window.location.assign(launch.url)),
  );
  if (info.demo) return null;
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">
        No controllers yet? The demo fleet shows the whole desk at work: 50 simulated controllers onboard, get
        linked or land in the inbox, and report their health. It uses its own data, never yours.
      </Text>
      <Button onClick={() => void start.run()} loading={start.pending}>
        Try the demo fleet
      </Button>
      {openedInWindow && (
        <Text size="sm" c="dimmed" role="status">
          The demo fleet opened in a window of its own. Close that window when you are done; your data here is
          untouched.
        </Text>
      )}
      {start.error && (
        <Alert color="red" title="The demo did not start">
          {start.error}
        </Alert>
      )}
    </Stack>
  );
}
