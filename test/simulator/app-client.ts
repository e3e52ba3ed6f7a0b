import { connectAsync, type MqttClient } from 'mqtt';

export interface Received {
  atMs: number;
  topic: string;
  body: Record<string, unknown>;
}

/** Plays the app's side of the broker in tests: publishes commands, collects all controller output. */
export async function connectApp(url: string): Promise<{
  client: MqttClient;
  messages: Received[];
  publish(topic: string, payload: string | Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}> {
  const client = await connectAsync(url, {
    clientId: `test-app-${process.pid}-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 200,
  });
  const messages: Received[] = [];
  client.on('message', (topic, payload) => {
    messages.push({
      atMs: Date.now(),
      topic,
      body: JSON.parse(payload.toString('utf8')) as Record<string, unknown>,
    });
  });
  await client.subscribeAsync('standard1/outbound/#', { qos: 1 });
  return {
    client,
    messages,
    async publish(topic, payload) {
      await client.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), {
        qos: 1,
        retain: false,
      });
    },
    close: () => client.endAsync(true),
  };
}

/** Shorthand for the nested feedback fields tests look at. */
export function feedbackFields(m: Received): {
  response_code: number;
  state: Record<string, Record<string, unknown>>;
} {
  return m.body['fields'] as { response_code: number; state: Record<string, Record<string, unknown>> };
}
