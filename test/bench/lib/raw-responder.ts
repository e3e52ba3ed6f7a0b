/**
 * The "controller side" of the raw baseline: one plain mqtt.js client that answers every message
 * on the live-control command topics with one reply on the serial's feedback topic, at once, QoS 1
 * both ways, like the simulator's shared connection does (a reply per request, nothing else).
 */
import mqtt from 'mqtt';

const url = process.argv[2];
if (!url) throw new Error('usage: raw-responder.ts <broker url>');
const COMMAND = 'standard1/rp_one_s/remoteControlMetrics/';
const FEEDBACK = 'standard1/outbound/remoteControlMetrics/feedback/';
const client = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true, reconnectPeriod: 0 });
client.on('message', (topic, payload) => {
  const serial = topic.slice(COMMAND.length);
  // A reply about as big as a simulated feedback message.
  const reply = JSON.stringify({
    fields: { response_code: 0, echo: payload.length },
    time: Date.now(),
    pad: 'x'.repeat(300),
  });
  client.publish(`${FEEDBACK}${serial}`, reply, { qos: 1 });
});
await client.subscribeAsync(`${COMMAND}+`, { qos: 1 });
process.stdout.write('ready\n');
const stop = (): void => void client.endAsync().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
