import { buildClient, fail, type ApiClient, type Transport } from '../../../shared/contract';
import { API_PATH, TOKEN_PARAM } from '../../../shared/contract/wire';
import { alwaysOpen, fixedConnection, type ConnectionMonitor } from './connection';
import { sessionStorageOrUndefined, takeToken } from './token';
import { createWsTransport } from './ws-transport';

/** The API and the state of the link that carries it. */
export interface ApiRuntime {
  api: ApiClient;
  connection: ConnectionMonitor;
}

let runtime: ApiRuntime | undefined;

/** The page's one API runtime: Electron's preload bridge if present, else the host's WebSocket. */
export function getApiRuntime(): ApiRuntime {
  runtime ??= window.fleetdesk ? { api: window.fleetdesk, connection: alwaysOpen } : browserRuntime();
  return runtime;
}

/** The typed API client for this page (see {@link getApiRuntime}). */
export function getApi(): ApiClient {
  return getApiRuntime().api;
}

function browserRuntime(): ApiRuntime {
  const token = takeToken(window.location, window.history, sessionStorageOrUndefined());
  if (!token)
    return {
      api: buildClient(noTokenTransport),
      connection: fixedConnection({ kind: 'closed', session: 0 }),
    };
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}${API_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const transport = createWsTransport({ url });
  return { api: buildClient(transport), connection: transport.connection };
}

/** Without a token the host would refuse the socket; say why instead of retrying forever. */
const noTokenTransport: Transport = {
  invoke: () =>
    Promise.resolve(
      fail(
        'forbidden',
        'This page has no access token. Open Fleetdesk with the link the host printed at start-up (it ends in ?token=…).',
      ),
    ),
  subscribe: () => () => undefined,
};
