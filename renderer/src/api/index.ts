export { getApi, getApiRuntime, type ApiRuntime } from './get-api';
export { ApiProvider, useApi, useConnection, useOnReconnect, type ApiProviderProps } from './api-context';
export { alwaysOpen, createConnectionSource, fixedConnection } from './connection';
export type { ConnectionMonitor, ConnectionSource, ConnectionState } from './connection';
export { createWsTransport, defaultBackoff } from './ws-transport';
export type { SocketConstructor, SocketLike, WsTransport, WsTransportOptions } from './ws-transport';
export { takeToken } from './token';
