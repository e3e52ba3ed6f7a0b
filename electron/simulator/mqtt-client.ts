import { connect, type MqttClient } from 'mqtt';

/** Broker connection settings shared by every simulated connection. */
export interface MqttSettings {
  url: string;
  username?: string;
  password?: string;
  /** Clean session (default true): a controller that reconnects does not get commands sent while it was away. */
  clean: boolean;
  keepaliveS: number;
  reconnectPeriodMs: number;
  connectTimeoutMs: number;
}

export type ConnectionState = 'connected' | 'closed';

/** How the MQTT layer hands messages and connection changes to the fleet. */
export interface LinkHandlers {
  onMessage(serial: string, kind: 'command' | 'schedule', payload: string): void;
  onConnection(key: string, state: ConnectionState): void;
}

/** The fleet's view of its MQTT connections, whether one per controller or one shared. */
export interface Links {
  /** Publishes QoS 1, never retained; silently skipped while disconnected (a controller does not queue feedback). */
  publish(serial: string, topic: string, payload: string): void;
  /** Stops listening for a controller (offboarded). */
  detach(serial: string): Promise<void>;
  /** Cuts a connection abruptly, as a network failure would; mqtt.js reconnects and resubscribes. */
  forceDisconnect(key: string): void;
  /** Keys of the connections (serials, or `shared`). */
  readonly connectionKeys: readonly string[];
  /** How many connections are up now. */
  connectedCount(): number;
  /** Closes everything without goodbye (an interrupted controller just goes quiet). */
  stop(): Promise<void>;
}

/**
 * Connects one client, waits for the first CONNACK (bounded by connectTimeoutMs) and subscribes with QoS 1.
 * Later connection losses are left to mqtt.js' automatic reconnect, which also resubscribes. `onMessage`
 * and `onState` may be called before this resolves (messages a persistent session queued).
 */
export async function openClient(
  clientId: string,
  subscriptions: string[],
  settings: MqttSettings,
  onMessage: (topic: string, payload: Buffer) => void,
  onState: (state: ConnectionState) => void,
): Promise<MqttClient> {
  const client = connect(settings.url, {
    clientId,
    clean: settings.clean,
    keepalive: settings.keepaliveS,
    reconnectPeriod: settings.reconnectPeriodMs,
    connectTimeout: settings.connectTimeoutMs,
    protocolVersion: 4,
    resubscribe: true,
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
  });
  // mqtt.js emits 'error' for refused connections; without a listener Node would throw it.
  client.on('error', () => undefined);
  // Listen before the first CONNACK: a broker holding a persistent session (clean: false) delivers the
  // commands it queued while the controller was away right after CONNACK, before our subscribe returns.
  // A handler attached later would miss them, and QoS 1 would not redeliver what the client acked.
  client.on('message', (topic, payload) => onMessage(topic, payload));
  client.on('connect', () => onState('connected'));
  client.on('close', () => onState('closed'));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no connection to ${settings.url} within ${settings.connectTimeoutMs} ms (client ${clientId})`,
          ),
        );
      }, settings.connectTimeoutMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const grants = await client.subscribeAsync(subscriptions, { qos: 1 });
    const refused = grants.filter((g) => g.qos === 128);
    if (refused.length > 0)
      throw new Error(`broker refused subscription to ${refused.map((g) => g.topic).join(', ')}`);
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }
  return client;
}

/** Destroys the socket under a client so the broker and the client both see a dropped link. */
export function dropSocket(client: MqttClient): void {
  client.stream?.destroy();
}
