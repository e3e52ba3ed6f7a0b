import { describe, expect, it } from 'vitest';
import {
  describeDisconnect,
  describeLinkError,
  describePublishError,
} from '../../electron/core/broker/error-words';

const url = 'mqtt://mqtt.eniris.be:1883';
const coded = (code: string | number, message = 'x') => Object.assign(new Error(message), { code });

describe('error words', () => {
  it('words network, CONNACK and TLS failures for an operator', () => {
    expect(describeLinkError(coded('ECONNREFUSED'), url, 10_000)).toBe(
      `connection refused at ${url} (is the broker running?)`,
    );
    expect(describeLinkError(coded('ENOTFOUND'), url, 10_000)).toBe(
      `host not found: ${url} (check the broker address)`,
    );
    expect(describeLinkError(coded(5), url, 10_000)).toBe('not authorised: check the username and password');
    expect(describeLinkError(coded(134), url, 10_000)).toBe(
      'not authorised: check the username and password',
    );
    expect(describeLinkError(coded(132), url, 10_000)).toBe('the broker does not speak this MQTT version');
    expect(describeLinkError(coded('SELF_SIGNED_CERT_IN_CHAIN'), url, 10_000)).toBe(
      'TLS: certificate not trusted (set the CA file of the broker)',
    );
    expect(describeLinkError(new Error('connack timeout'), url, 10_000)).toBe(
      `no answer from ${url} within 10 s (a firewall blocking the port? try the port-80 backup)`,
    );
  });

  it('words an MQTT 5 DISCONNECT and a PUBACK refusal', () => {
    expect(describeDisconnect(142)).toBe(
      'another client with this client id took over the session (is Fleetdesk running twice?)',
    );
    expect(describeDisconnect(139)).toBe('the broker is shutting down');
    expect(describeDisconnect(200)).toBe('the broker disconnected us (reason 200)');
    expect(describePublishError(coded(151, 'Publish error: Quota exceeded'))).toBe(
      'the broker refused the publish: quota exceeded',
    );
  });
});
