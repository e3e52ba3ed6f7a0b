import type { MqttClient } from 'mqtt';
import type { PublishOutcome } from './broker-port';
import type { Clock } from '../clock';
import { describePublishError } from './error-words';
import type { Timers } from './timers';

/** Why a publish in flight ends when the link drops: it may or may not have reached the broker. */
export const LINK_LOST = 'the link dropped before the broker acknowledged: the broker may or may not have it';

/** Publishes in flight, so a lost link can settle them at once instead of at their deadlines. */
export class InFlight {
  private readonly settles = new Set<(outcome: PublishOutcome) => void>();

  add(settle: (outcome: PublishOutcome) => void): () => void {
    this.settles.add(settle);
    return () => this.settles.delete(settle);
  }

  /** Settles every publish still waiting for its PUBACK. */
  settleAll(outcome: PublishOutcome): void {
    for (const settle of [...this.settles]) settle(outcome);
  }

  get size(): number {
    return this.settles.size;
  }
}

/** Topic names a command may go to: no wildcards, no NUL, not empty (MQTT §4.7). */
export function publishTopicProblem(topic: string): string | undefined {
  if (topic === '') return 'the topic is empty';
  if (topic.includes('+') || topic.includes('#') || topic.includes('\u0000'))
    return `"${topic}" is not a valid topic name (no +, # or NUL)`;
  if (Buffer.byteLength(topic) > 65_535) return 'the topic is longer than 65535 bytes';
  return undefined;
}

/**
 * One QoS 1, non-retained publish on a connected client that settles by `deadlineMs` whatever
 * mqtt.js does: its callback may never run when the link drops mid-flight (MQTT.js #1974, #1987).
 * At the deadline the message is removed from mqtt.js' outgoing store, so it is never replayed.
 */
export function publishWithDeadline(
  client: MqttClient,
  message: {
    topic: string;
    payload: string;
    deadlineMs: number;
    expirySeconds?: number;
    protocolVersion: 4 | 5;
  },
  deps: { clock: Clock; timers: Timers; inFlight: InFlight },
): Promise<PublishOutcome> {
  return new Promise((resolve) => {
    let messageId: number | undefined;
    let settled = false;
    const settle = (outcome: PublishOutcome) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      forget();
      resolve(outcome);
    };
    // Settle first, then drop: removing the message fails its callback ("Message removed") at once.
    const forget = deps.inFlight.add((outcome) => {
      settle(outcome);
      drop();
    });
    const drop = () => {
      if (messageId !== undefined && client.outgoing[messageId] !== undefined)
        client.removeOutgoingMessage(messageId);
    };
    const cancelTimer = deps.timers.after(message.deadlineMs, () => {
      settle({ kind: 'timeout', reason: `no PUBACK from the broker within ${message.deadlineMs} ms` });
      drop();
    });
    const callback = (error?: Error | null) => {
      if (error === undefined || error === null) settle({ kind: 'acked', at: deps.clock.now() });
      // mqtt.js flushes unacked publishes with "Connection closed": sent, fate unknown, so not `refused`.
      else if (error.message === 'Connection closed') settle({ kind: 'timeout', reason: LINK_LOST });
      else settle({ kind: 'refused', reason: describePublishError(error) });
    };
    const expiry =
      message.protocolVersion === 5 && message.expirySeconds !== undefined
        ? { properties: { messageExpiryInterval: Math.max(1, Math.ceil(message.expirySeconds)) } }
        : {};
    client.publish(message.topic, message.payload, { qos: 1, retain: false, ...expiry }, callback);
    // mqtt.js allocated the packet id synchronously (the link only publishes after 'connect', when
    // no store replay is running); the outgoing entry holding our callback confirms which id it is.
    const last = client.messageIdProvider.getLastAllocated();
    if (last !== null && client.outgoing[last]?.cb === callback) messageId = last;
  });
}
