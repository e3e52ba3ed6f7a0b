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
    sharedClientId(serials, settings),
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

/**
 * A persistent session is found again by its client id, so with clean: false the id is the fleet's own
 * (its first serial, as per-controller links use `sim-<serial>`): a restarted simulator gets the
 * commands the broker queued. With a clean session a unique id lets two shared simulators share a
 * broker without kicking each other off.
 */
function sharedClientId(serials: readonly string[], settings: MqttSettings): string {
  return settings.clean
    ? `sim-shared-${randomUUID().slice(0, 8)}`
    : `sim-shared-from-${serials[0] ?? 'none'}`;
}
