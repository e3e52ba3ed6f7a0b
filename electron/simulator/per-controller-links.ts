import type { MqttClient } from 'mqtt';
import { createLimiter } from './limiter';
import { dropSocket, openClient, type LinkHandlers, type Links, type MqttSettings } from './mqtt-client';
import { routeTopic, topics } from './profile';

/**
 * One MQTT connection per controller, as real controllers have. Connections open with bounded
 * concurrency so 1,000 of them do not hit the broker in one burst.
 */
export async function openPerControllerLinks(
  serials: readonly string[],
  settings: MqttSettings,
  handlers: LinkHandlers,
  concurrency: number,
): Promise<Links> {
  const clients = new Map<string, MqttClient>();
  const limit = createLimiter(concurrency);
  const connected = new Set<string>();
  const open = (serial: string): Promise<void> =>
    limit(async () => {
      const client = await openClient(
        `sim-${serial}`,
        [topics.command(serial), topics.schedule(serial)],
        settings,
        (topic, payload) => {
          const route = routeTopic(topic);
          if (route?.serial === serial) handlers.onMessage(serial, route.kind, payload.toString('utf8'));
        },
        (state) => {
          if (state === 'connected') connected.add(serial);
          else connected.delete(serial);
          handlers.onConnection(serial, state);
        },
      );
      clients.set(serial, client);
    });
  const closeAll = async (): Promise<void> => {
    const all = [...clients.values()];
    clients.clear();
    await Promise.all(all.map((c) => c.endAsync(true)));
  };
  const results = await Promise.allSettled(serials.map(open));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    await closeAll();
    throw failed.reason;
  }
  return {
    connectionKeys: serials,
    publish(serial, topic, payload) {
      const client = clients.get(serial);
      if (client?.connected === true)
        client.publish(topic, payload, { qos: 1, retain: false }, () => undefined);
    },
    async detach(serial) {
      const client = clients.get(serial);
      clients.delete(serial);
      connected.delete(serial);
      await client?.endAsync(true);
    },
    forceDisconnect(key) {
      const client = clients.get(key);
      if (client !== undefined) dropSocket(client);
    },
    connectedCount: () => connected.size,
    stop: closeAll,
  };
}
