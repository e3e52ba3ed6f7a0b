import { Alert } from '@mantine/core';
import type { ConnectionState } from '../api';

/**
 * Says when the link to the host is down. Nothing is queued while it is: saves and other actions
 * fail at once, so the banner tells the operator why and what repairs it.
 */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  switch (state.kind) {
    case 'open':
    case 'connecting':
      return null;
    case 'reconnecting':
      // With the default --ui-port 0 a restarted host listens elsewhere, so this page never hears
      // back: only the new link helps, and the page cannot tell that from a short outage.
      return (
        <Alert color="orange" title="Disconnected from the Fleetdesk host" role="status">
          {state.session === 0 ? 'Trying to connect' : 'Reconnecting'} (attempt {state.attempt})… Changes
          cannot be saved until the connection is back. If the host was restarted, open the new link it
          printed.
        </Alert>
      );
    case 'refused':
      return (
        <Alert color="red" title="This link is from an earlier run of Fleetdesk" role="status">
          The Fleetdesk host was restarted and no longer accepts this page: it makes a new link each time it
          starts. Open the new link the host printed (the line starting with UI:, ending in ?token=…). Changes
          cannot be saved from this page.
        </Alert>
      );
    case 'closed':
      return (
        <Alert color="red" title="Not connected to the Fleetdesk host" role="status">
          Reload the page to connect again.
        </Alert>
      );
  }
}
