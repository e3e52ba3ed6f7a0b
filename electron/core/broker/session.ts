import { connect, type IClientOptions, type IConnackPacket, type MqttClient } from 'mqtt';
import type { Logger } from '../logger';
import type { FailureKind } from './attempt-plan';
import { describeDisconnect, describeLinkError, isAuthRefusal, isVersionRefusal } from './error-words';

/** Why a session ended, in words, and what the reconnect plan should make of it. */
export type SessionEnd = { words: string; kind: FailureKind; wasConnected: boolean };

export type SessionEvents = {
  connected(connack: IConnackPacket): void;
  /** The broker or the network ended the session (never called after `close()`). */
  ended(end: SessionEnd): void;
  message(topic: string, payload: Buffer, retained: boolean): void;
};

/** Time a polite DISCONNECT may take before the socket is destroyed (a dead peer never answers). */
const GOODBYE_MS = 1000;

/**
 * One mqtt.js client for one network connection. mqtt.js never reconnects it (`reconnectPeriod: 0`):
 * when it ends, the link opens a fresh session. A fresh client has an empty outgoing store, so no
 * command from an earlier connection can be replayed (MQTT.js #2015) and no listener piles up.
 */
export class Session {
  readonly client: MqttClient;
  private connected = false;
  private over = false;
  private firstError: { words: string; kind: FailureKind } | undefined;

  constructor(
    readonly url: string,
    options: IClientOptions,
    events: SessionEvents,
    log: Logger,
  ) {
    const connectTimeoutMs = options.connectTimeout ?? 30_000;
    this.client = connect(url, options);
    this.client.on('error', (error) => {
      log.debug({ url, err: error.message }, 'broker link error');
      if (this.firstError !== undefined) return;
      const code = (error as { code?: unknown }).code;
      const kind: FailureKind =
        typeof code === 'number'
          ? isAuthRefusal(code)
            ? 'auth'
            : isVersionRefusal(code)
              ? 'version'
              : 'other'
          : 'other';
      this.firstError = { words: describeLinkError(error, url, connectTimeoutMs), kind };
    });
    this.client.on('disconnect', (packet) => {
      this.firstError ??= { words: describeDisconnect(packet.reasonCode), kind: 'other' };
    });
    this.client.on('connect', (connack) => {
      if (this.over) return;
      this.connected = true;
      events.connected(connack);
    });
    this.client.on('message', (topic, payload, packet) => {
      if (!this.over) events.message(topic, payload, packet.retain);
    });
    this.client.on('close', () => {
      if (this.over) return;
      this.over = true;
      events.ended(this.describeEnd());
    });
  }

  private describeEnd(): SessionEnd {
    if (this.firstError !== undefined) return { ...this.firstError, wasConnected: this.connected };
    if (this.connected)
      return { words: `the connection to ${this.url} was lost`, kind: 'other', wasConnected: true };
    // A socket closed before any CONNACK: aedes and other 3.1.1-only brokers may answer MQTT 5 so.
    return {
      words: `the broker at ${this.url} closed the connection before accepting it`,
      kind: 'hangup',
      wasConnected: false,
    };
  }

  /** True while the CONNACK was accepted and the socket has not closed. */
  isUp(): boolean {
    return this.connected && !this.over && this.client.connected;
  }

  /** Says goodbye (DISCONNECT) if connected, then closes the socket; resolves when it is closed. */
  close(): Promise<void> {
    const wasOver = this.over;
    this.over = true;
    const stream = this.client.stream as { destroyed?: boolean; destroy(): void } | undefined;
    if (wasOver || stream === undefined || stream.destroyed === true) {
      this.client.end(true);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      // A half-open socket never completes the goodbye: destroy it after a short grace period.
      const timer = setTimeout(() => {
        stream.destroy();
        resolve();
      }, GOODBYE_MS);
      this.client.end(!this.connected, {}, done);
    });
  }
}
