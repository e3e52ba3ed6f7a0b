import { randomUUID } from 'node:crypto';
import { dropSocket, openClient, type LinkHandlers, type Links, type MqttSettings } from './mqtt-client';
import { routeTopic, wildcardTopics } from './profile';

export const SHARED_KEY = 'shared';

/**
 * One MQTT connection for the whole fleet (for 10,000 controllers in one process). It subscribes to
 * the two command wildcards and routes each message by the serial in its topic; serials that are not
 * (or no longer) in the fleet are ignored.
 */
export async function openSharedLink(
  serials: readonly string[],
  settings: MqttSettings,
  handlers: LinkHandlers,
): Promise<Links> {
  const members = new Set(serials);
  let up = false;
  const client = await openClient(
    // A unique id: two shared simulators on one broker must not kick each other off.
    `sim-shared-${randomUUID().slice(0, 8)}`,
    [wildcardTopics.command, wildcardTopics.schedule],
    settings,
    (topic, payload) => {
      const route = routeTopic(topic);
      if (route !== undefined && members.has(route.serial)) {
        handlers.onMessage(route.serial, route.kind, payload.toString('utf8'));
      }
    },
    (state) => {
      up = state === 'connected';
      handlers.onConnection(SHARED_KEY, state);
    },
  );
  return {
    connectionKeys: [SHARED_KEY],
    publish(_serial, topic, payload) {
      if (client.connected) client.publish(topic, payload, { qos: 1, retain: false }, () => undefined);
    },
    detach(serial) {
      members.delete(serial);
      return Promise.resolve();
    },
    forceDisconnect() {
      dropSocket(client);
    },
    connectedCount: () => (up ? 1 : 0),
    stop: () => client.endAsync(true),
  };
}
