import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ApiClient } from '../../../shared/contract';
import { alwaysOpen, type ConnectionMonitor, type ConnectionState } from './connection';

const ApiContext = createContext<{ api: ApiClient; connection: ConnectionMonitor } | null>(null);

export interface ApiProviderProps {
  api: ApiClient;
  /** Defaults to a link that is always open (Electron's IPC, or a fake in tests). */
  connection?: ConnectionMonitor;
  children?: ReactNode;
}

/** Hands the API to the tree, so components never reach for a global and tests inject a fake. */
export function ApiProvider({ api, connection = alwaysOpen, children }: ApiProviderProps) {
  const value = useMemo(() => ({ api, connection }), [api, connection]);
  return <ApiContext value={value}>{children}</ApiContext>;
}

function useRuntime() {
  const runtime = useContext(ApiContext);
  if (!runtime) throw new Error('useApi() needs an <ApiProvider> above it');
  return runtime;
}

/** The typed API client. */
export function useApi(): ApiClient {
  return useRuntime().api;
}

/** The current state of the link to the core, re-rendering on every change. */
export function useConnection(): ConnectionState {
  const { connection } = useRuntime();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/**
 * Runs `onReconnect` each time the link opens again after a drop: events pushed while it was down
 * are lost, so whatever the caller shows must be fetched again.
 */
export function useOnReconnect(onReconnect: () => void): void {
  const { session } = useConnection();
  const seen = useRef(session);
  const latest = useRef(onReconnect);
  useEffect(() => {
    latest.current = onReconnect;
  });
  useEffect(() => {
    const previous = seen.current;
    seen.current = session;
    if (previous >= 1 && session > previous) latest.current();
  }, [session]);
}
