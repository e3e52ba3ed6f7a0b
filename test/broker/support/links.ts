import { connectAsync, type IPublishPacket, type MqttClient } from 'mqtt';
import { systemClock } from '../../../electron/core/clock';
import { createLogger } from '../../../electron/core/logger';
import { BrokerLink, type BrokerLinkOptions } from '../../../electron/core/broker/broker-link';
import type { LinkState } from '../../../electron/core/broker/broker-port';
import { newClientId } from '../../../electron/core/broker/client-id';
import type { BrokerProfileInput } from '../../../shared/domain/broker/broker-profile';
import { waitFor } from '../../simulator/wait-for';

export { waitFor };

/** A link with test-sized timings (fast back-off, 200 ms probe) and secrets from a map. */
export function makeLink(
  overrides: Partial<BrokerLinkOptions> = {},
  secrets: Record<string, string> = {},
): { link: BrokerLink; states: LinkState[] } {
  const link = new BrokerLink({
    clock: systemClock,
    log: createLogger('silent'),
    secrets: { get: (name) => Promise.resolve(secrets[name]) },
    clientId: newClientId(),
    backoff: { initialMs: 50, maxMs: 400, switchAfter: 3 },
    connectTimeoutMs: 3000,
    subscribeTimeoutMs: 3000,
    latencyProbe: { intervalMs: 200 },
    ...overrides,
  });
  const states: LinkState[] = [];
  link.onState((s) => states.push(s));
  return { link, states };
}

export const profile = (url: string, extra: Partial<BrokerProfileInput> = {}): BrokerProfileInput => ({
  id: 'test',
  name: 'test broker',
  url,
  ...extra,
});

export async function connected(
  link: BrokerLink,
  what = 'link connected',
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor(what, () => link.state().kind === 'connected', timeoutMs);
}

/** Waits until every subscription in the link's set is confirmed by a SUBACK on the current connection. */
export async function subscribed(link: BrokerLink, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    'subscriptions confirmed',
    () =>
      link.state().kind === 'connected' &&
      link.diagnostics().subscriptions.confirmed === link.diagnostics().subscriptions.total,
    timeoutMs,
  );
}

/** A plain mqtt.js client (the "other side"): records what it receives, with the raw packet. */
export type Observer = {
  client: MqttClient;
  received: { topic: string; payload: string; packet: IPublishPacket }[];
  close(): Promise<void>;
};

export async function observe(url: string, topics: string[], protocolVersion: 4 | 5 = 5): Promise<Observer> {
  const client = await connectAsync(url, {
    protocolVersion,
    clientId: newClientId(),
    reconnectPeriod: 100,
    clean: true,
  });
  const received: Observer['received'] = [];
  client.on('message', (topic, payload, packet) =>
    received.push({ topic, payload: payload.toString(), packet }),
  );
  if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
  return { client, received, close: () => client.endAsync(true) };
}
