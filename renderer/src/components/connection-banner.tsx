import { Alert } from '@mantine/core';
import type { ConnectionState } from '../api';

/**
 * Says when the link to the host is down. Nothing is queued while it is: saves and other actions
 * fail at once, so the banner tells the operator why and that it is being repaired.
 */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  switch (state.kind) {
    case 'open':
    case 'connecting':
      return null;
    case 'reconnecting':
      return (
        <Alert color="orange" title="Disconnected from the Fleetdesk host" role="status">
          {state.session === 0 ? 'Trying to connect' : 'Reconnecting'} (attempt {state.attempt})… Changes
          cannot be saved until the connection is back.
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
