import type { ApiClient } from '../../../shared/contract';

declare global {
  interface Window {
    /** The typed API the Electron preload exposes; absent when the UI is served by the headless host. */
    fleetdesk?: ApiClient;
  }
}
