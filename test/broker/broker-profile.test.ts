import { describe, expect, it } from 'vitest';
import { parseBrokerAddress } from '../../shared/domain/broker/broker-address';
import { BrokerProfileSchema } from '../../shared/domain/broker/broker-profile';

const base = { id: 'eniris', name: 'Eniris', url: 'mqtt://mqtt.eniris.be:1883' };
const issues = (input: unknown) => {
  const result = BrokerProfileSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('BrokerProfileSchema', () => {
  it('fills the defaults: verify TLS, auto protocol, no wildcards, 30 s keep-alive', () => {
    expect(BrokerProfileSchema.parse(base)).toEqual({
      ...base,
      rejectUnauthorized: true,
      protocol: 'auto',
      allowWildcard: false,
      keepaliveSeconds: 30,
    });
  });

  it('accepts the port-80 backup as TCP or WebSocket, and TLS URLs with their files', () => {
    expect(issues({ ...base, fallbackUrl: 'mqtt://mqtt.eniris.be:80' })).toEqual([]);
    expect(issues({ ...base, fallbackUrl: 'ws://mqtt.eniris.be:80/mqtt' })).toEqual([]);
    expect(
      issues({
        ...base,
        url: 'mqtts://10.0.0.5:8883',
        caFile: '/etc/ca.pem',
        certFile: '/c.pem',
        keyFile: '/k.pem',
      }),
    ).toEqual([]);
    expect(issues({ ...base, url: 'wss://[::1]:443/mqtt', protocol: 4 })).toEqual([]);
  });

  it('refuses other schemes, credentials in the URL, TLS files without TLS, half a client certificate', () => {
    expect(issues({ ...base, url: 'http://host:1883' })[0]).toMatch(/^url: expected mqtt:\/\//);
    expect(issues({ ...base, url: 'mqtt://user:secret@host:1883' })).toEqual([
      'url: put the username and password in their own fields, not in the URL',
    ]);
    expect(issues({ ...base, url: 'mqtt://host:70000' })).toEqual([
      'url: port 70000 is out of range (1-65535)',
    ]);
    expect(issues({ ...base, caFile: '/etc/ca.pem' })).toEqual([
      'caFile: TLS files need an mqtts:// or wss:// URL',
    ]);
    expect(issues({ ...base, url: 'mqtts://host', certFile: '/c.pem' })).toEqual([
      'keyFile: a client certificate needs both the certificate file and its key file',
    ]);
    expect(issues({ ...base, fallbackUrl: base.url })).toEqual([
      'fallbackUrl: the backup URL is the same as the primary URL',
    ]);
    expect(issues({ ...base, protocol: 3 })).toHaveLength(1);
    expect(issues({ ...base, keepaliveSeconds: 1 })).toHaveLength(1);
  });

  it('has no field for a password, only a reference to one', () => {
    const parsed = BrokerProfileSchema.parse({ ...base, passwordRef: 'broker:eniris', password: 'secret' });
    expect(parsed).not.toHaveProperty('password');
    expect(parsed.passwordRef).toBe('broker:eniris');
  });
});

describe('parseBrokerAddress', () => {
  it('fills in the default port per scheme and keeps WebSocket paths', () => {
    expect(parseBrokerAddress('mqtt://h')).toEqual({
      scheme: 'mqtt',
      host: 'h',
      port: 1883,
      path: '',
      tls: false,
    });
    expect(parseBrokerAddress('mqtts://h')).toMatchObject({ port: 8883, tls: true });
    expect(parseBrokerAddress('ws://h')).toMatchObject({ port: 80, path: '' });
    expect(parseBrokerAddress('wss://h:8443/mqtt')).toEqual({
      scheme: 'wss',
      host: 'h',
      port: 8443,
      path: '/mqtt',
      tls: true,
    });
    expect(parseBrokerAddress('mqtt://h/path')).toEqual({
      error: 'a path is only meaningful for ws:// and wss://',
    });
  });
});
